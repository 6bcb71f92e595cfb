import json

import jsonschema
from click.testing import CliRunner

from soppress.cli import main
from soppress.model.jsonschema import schema
from soppress.sources.yamlsrc import load


def test_schema_accepts_every_sample_sop(sample_root):
    validator = jsonschema.Draft202012Validator(schema("sop"))
    files = sorted((sample_root / "sops").rglob("*.yaml"))
    assert files
    for file in files:
        errors = list(validator.iter_errors(load(file).data))
        assert not errors, f"{file}: {errors[0].message}"


def test_schemas_accept_the_sample_keputusan_and_registries(sample_root):
    for kind, file in [("keputusan", "keputusan/hst.yaml"), ("pejabat", "registri/pejabat.yaml"),
                       ("peraturan", "registri/peraturan.yaml")]:
        errors = list(jsonschema.Draft202012Validator(schema(kind)).iter_errors(load(sample_root / file).data))
        assert not errors, f"{file}: {errors[0].message}"


def test_schema_flags_what_the_checker_flags(mini_project):
    validator = jsonschema.Draft202012Validator(schema("sop"))
    data = load(mini_project / "sops" / "contoh.yaml").data
    data["kegiatan"][1]["kelengkapn"] = "x"           # unknown key
    data["kegiatan"][0]["waktu"] = "15 mneit"          # unparseable duration
    data["kegiatan"][0]["simbol"] = "lingkaran"        # not one of the five symbols
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("kelengkapn" in m for m in messages)
    assert any("mneit" in m for m in messages)
    assert any("lingkaran" in m for m in messages)


def test_schema_command_writes_all_schemas(tmp_path):
    result = CliRunner().invoke(main, ["schema", "--keluaran", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = {p.name for p in tmp_path.iterdir()}
    assert written == {f"{k}.schema.json" for k in ("sop", "keputusan", "kop", "proyek", "pejabat", "peraturan",
                                                    "kasus", "formulir")}
    sop = json.loads((tmp_path / "sop.schema.json").read_text())
    assert "kegiatan" in sop["properties"] and sop["additionalProperties"] is False


def test_check_outside_a_project_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "soppress.yaml tidak ditemukan" in result.output
    assert "Traceback" not in result.output


def test_check_json_format(mini_project):
    (mini_project / "sops" / "contoh.yaml").write_text(
        (mini_project / "sops" / "contoh.yaml").read_text().replace("Kasi Pengaduan\n    cabang", "Kasi X\n    cabang"))
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project), "--format", "json"])
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert [(i["tingkat"], i["kode"], i["baris"]) for i in items] == [
        ("peringatan", "pelaksana.tidak-dipakai", 18), ("galat", "kegiatan.pelaksana", 29)]


def test_valid_project_passes(mini_project):
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project)])
    assert result.exit_code == 0, result.output
    assert "1 SOP diperiksa: 0 galat, 0 peringatan." in result.output


def test_letterhead_problems_are_reported(mini_project):
    kop = mini_project / "letterheads" / "uji.yaml"
    kop.write_text(kop.read_text().replace("logo: lambang-uji.svg", "logo: tidak-ada.png\nalamt: Jl. Contoh"))
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project)])
    assert result.exit_code == 1
    assert 'letterheads/uji.yaml:6:1: galat: kunci "alamt" tidak dikenal (maksud Anda "alamat"?)' in result.output
    assert 'letterheads/uji.yaml:5:7: galat: berkas logo "tidak-ada.png" tidak ada' in result.output
    # the rest of the letterhead is still usable: no cascade of errors in the SOP
    assert "sops/contoh.yaml" not in result.output


def test_internal_error_has_no_traceback(mini_project, monkeypatch):
    import soppress.api
    def boom(root):
        raise RuntimeError("data korban rahasia")
    monkeypatch.setattr(soppress.api, "check", boom)
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project)])
    assert result.exit_code == 2
    assert "galat internal" in result.output
    assert "rahasia" not in result.output and "Traceback" not in result.output
