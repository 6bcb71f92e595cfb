"""The build cache: content hashes that decide what a build must redo.

Every output is recorded in a manifest under the build folder with the key of what it
was made from (a hash over the contents of its inputs) and the hash of the file
written. An output is redone when its key changed, when it is missing, or when the
file on disk no longer has the recorded hash (edited, or written by a build that was
killed before its manifest). Each SOP's page plan is cached with its key, so the book
can reuse the plans of unchanged SOPs without laying them out again.

A no-op build compares one fingerprint over every input file and checks the outputs'
hashes, without loading the project. The manifest is written last and atomically; one
that cannot be read, is not ours, or comes from another soppress version is ignored.

Only light modules are imported here: the no-op path must not load the renderers."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from soppress.outputs import write_atomic
from soppress.resources import PACKAGE_DIR

MANIFEST = ".soppress-cache.json"
KIND = "soppress-build-cache"
SCHEMA = 1
INPUT_DIRS = ("sops", "keputusan", "letterheads", "registri", "templates")


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # length-prefixed: ("ab", "c") != ("a", "bc")
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of a file's content; "-" when it does not exist."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        return "-"


def tree_digest(folder: Path, base: Path | None = None) -> str:
    """One hash over every file below ``folder``: names relative to ``base`` and contents."""
    base = base or folder
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and not p.name.startswith("."))
    return digest(*(f"{p.relative_to(base).as_posix()}\0{file_digest(p)}" for p in files))


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as installed
    try:
        return installed("soppress")
    except PackageNotFoundError:
        return "dev"


def global_key(root: Path) -> str:
    """What every output depends on: the soppress version and its code, shipped fonts and
    templates, the project's settings and template overrides, SOURCE_DATE_EPOCH."""
    return digest(version(), tree_digest(PACKAGE_DIR), file_digest(root / "soppress.yaml"),
                  tree_digest(root / "templates") if (root / "templates").is_dir() else "-",
                  os.environ.get("SOURCE_DATE_EPOCH", ""))


def fingerprint(root: Path, request: str) -> str:
    """Every input of a build in one hash (the no-op check): the global key, every file
    of the project's source folders, and the request (formats, SOP selection)."""
    folders = [tree_digest(root / d, root) if (root / d).is_dir() else "-" for d in INPUT_DIRS]
    return digest(global_key(root), request, *folders)


@dataclass
class Manifest:
    """Outputs by path relative to the build folder: {"key": inputs' hash, "sha256": file's hash,
    "doc": the document it belongs to};
    page plans by SOP key: {"key": the SOP's key, "plan": PagePlan.to_dict()}."""
    fingerprint: str = ""
    outputs: dict[str, dict] = field(default_factory=dict)
    plans: dict[str, dict] = field(default_factory=dict)

    def fresh(self, out_dir: Path, rel: str, key: str) -> bool:
        """Was ``rel`` made from ``key``, and is the file on disk still the one written?"""
        entry = self.outputs.get(rel)
        return entry is not None and entry.get("key") == key and file_digest(out_dir / rel) == entry.get("sha256")

    def intact(self, out_dir: Path) -> bool:
        """Every recorded output is on disk as written."""
        return all(file_digest(out_dir / rel) == entry.get("sha256") for rel, entry in self.outputs.items())

    def record(self, rel: str, key: str, sha256: str, doc: str, **note) -> None:
        """``note``: what else the next build needs to know of it (a book front's pages)."""
        self.outputs[rel] = {"key": key, "sha256": sha256, "doc": doc, **note}

    def plan(self, sop: str, key: str) -> dict | None:
        entry = self.plans.get(sop)
        return entry["plan"] if entry is not None and entry.get("key") == key else None


def load(out_dir: Path) -> Manifest:
    """The manifest of the last build; an empty one when it is missing, unreadable, foreign,
    from another soppress version or malformed (a cache is never trusted blindly)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        if data.get("kind") != KIND or data.get("schema") != SCHEMA or data.get("soppress") != version():
            return Manifest()
        outputs, plans = data["outputs"], data["plans"]
        ok = (isinstance(data["fingerprint"], str) and isinstance(outputs, dict) and isinstance(plans, dict)
              and all(isinstance(e, dict) and isinstance(e.get("key"), str) and isinstance(e.get("sha256"), str)
                      for e in outputs.values())
              and all(isinstance(e, dict) and isinstance(e.get("key"), str) and isinstance(e.get("plan"), dict)
                      for e in plans.values()))
        return Manifest(data["fingerprint"], outputs, plans) if ok else Manifest()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Manifest()


def save(out_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (the last thing a build does)."""
    data = {"kind": KIND, "schema": SCHEMA, "soppress": version(), "fingerprint": manifest.fingerprint,
            "outputs": dict(sorted(manifest.outputs.items())), "plans": dict(sorted(manifest.plans.items()))}
    write_atomic(out_dir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), mode=0o600)
