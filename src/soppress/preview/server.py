"""The preview's web server: Starlette routes served by uvicorn on 127.0.0.1 only.

    /                          the index: every document by kind
    /dok/<id>                  a document as HTML, with the preview's additions (inject.py)
    /unduh/<pdf|docx>/<id>     its PDF or DOCX, made now, in memory (never written to disk)
    /_aset/<path>              the shipped fonts and the project's letterheads/ (nothing else)
    /_pratinjau/peristiwa      Server-Sent Events: the current keys and diagnostics

Requests whose Host is not the loopback are refused (a web page elsewhere cannot reach
the preview through DNS rebinding), and so is every path outside the two asset folders."""
from __future__ import annotations

import asyncio
import socket
from contextlib import asynccontextmanager
from pathlib import Path

from markupsafe import escape
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from soppress.errors import UserError
from soppress.preview import inject
from soppress.preview.session import Session
from soppress.preview.watcher import watch
from soppress.resources import FONT_DIR

HOST = "127.0.0.1"
MEDIA = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
NO_STORE = {"Cache-Control": "no-store"}


def _missing(what: str) -> PlainTextResponse:
    return PlainTextResponse(f"{what} tidak ada di pratinjau ini.", status_code=404, headers=NO_STORE)


def app(session: Session) -> Starlette:
    async def index(request: Request) -> Response:
        groups: dict[str, list[tuple[str, str]]] = {}
        for entry in session.entries.values():
            groups.setdefault(entry.group, []).append((entry.title, f"/dok/{entry.id}"))
        snap = session.snapshot
        return HTMLResponse(inject.index_page(groups, snap.version, session.root.name), headers=NO_STORE)

    def page(request: Request) -> Response:  # sync: drawing runs in Starlette's thread pool
        doc_id = request.path_params["doc"]
        if doc_id not in session.entries:
            return _missing("dokumen itu")
        entry, drawing, key = session.page(doc_id)
        if drawing is None:
            html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title></head><body>"
                    "<p>Dokumen ini belum dapat digambar; lihat galat di bawah.</p></body></html>")
            html = html.format(escape(entry.title))
        else:
            html = drawing.html
        links = [("PDF", f"/unduh/pdf/{doc_id}"), ("DOCX", f"/unduh/docx/{doc_id}")]
        return HTMLResponse(inject.decorate(html, doc_id=doc_id, key=key, title=entry.title,
                                            pages=drawing.pages if drawing else [], sheet=entry.sheet, links=links), headers=NO_STORE)

    def download(request: Request) -> Response:
        fmt, doc_id = request.path_params["fmt"], request.path_params["doc"]
        if fmt not in MEDIA or doc_id not in session.entries:
            return _missing("unduhan itu")
        data = session.download(doc_id, fmt)
        if data is None:
            return PlainTextResponse("Dokumen ini belum dapat dibuat; perbaiki galatnya dulu.", status_code=409,
                                     headers=NO_STORE)
        name = f"{doc_id.replace('/', '-')}.{fmt}"
        return Response(data, media_type=MEDIA[fmt],
                        headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})

    async def asset(request: Request) -> Response:
        path = safe_asset(session.root, request.path_params["path"])
        return FileResponse(path) if path is not None else _missing("berkas itu")

    async def events(request: Request) -> Response:
        async def stream():
            version, quiet = -1, 0.0
            while not session.closing and not await request.is_disconnected():
                snap = session.snapshot
                if snap.version != version:
                    version, quiet = snap.version, 0.0
                    yield inject.events_message(snap.as_dict())
                elif quiet >= 15:  # a comment keeps the connection open through proxies and sleep
                    quiet = 0.0
                    yield ": tetap\n\n"
                await asyncio.sleep(0.05)
                quiet += 0.05
        return StreamingResponse(stream(), media_type="text/event-stream", headers=NO_STORE)

    @asynccontextmanager
    async def lifespan(_app):
        task = asyncio.create_task(watch(session))
        yield
        task.cancel()

    routes = [Route("/", index), Route("/dok/{doc:path}", page), Route("/unduh/{fmt}/{doc:path}", download),
              Route("/_aset/{path:path}", asset), Route(inject.EVENTS, events)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(LoopbackHost)])


class LoopbackHost:
    """Starlette's TrustedHostMiddleware, with the refusal in Indonesian: a request must
    name the loopback in its Host header."""
    ALLOWED = (HOST, "localhost")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "").rsplit(":", 1)[0]
            if host not in self.ALLOWED:
                response = PlainTextResponse(f"Pratinjau hanya dapat dibuka di http://{HOST}:…/ dari komputer ini.",
                                             status_code=400)
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


def safe_asset(root: Path, rel: str) -> Path | None:
    """A file the pages may load: a shipped font, or a file in the project's letterheads/.
    Anything else, ``..`` and links out included, is refused (None)."""
    if rel.startswith("fonts/"):
        base, target = FONT_DIR.resolve(), (FONT_DIR / rel.removeprefix("fonts/")).resolve()
    else:
        base, target = (root / "letterheads").resolve(), (root / rel).resolve()
    return target if target.is_relative_to(base) and target.is_file() else None


def bind(port: int) -> socket.socket:
    """The listening socket, on the loopback only; a port in use is the user's to change."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise UserError(f"port {port} sudah dipakai program lain; pilih port lain dengan --port") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def server(session: Session):
    """A uvicorn server for the preview (run it with ``.run(sockets=[bind(port)])``)."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:  # Ctrl+C: the open event streams end first
            session.closing = True
            super().handle_exit(sig, frame)
    config = uvicorn.Config(app(session), log_level="warning", access_log=False,
                            lifespan="on", timeout_graceful_shutdown=2)
    return Server(config)


def serve(root: Path, port: int, *, cases: Path | None = None, open_browser: bool = True, echo=print) -> None:
    """Check the project, then serve it until Ctrl+C."""
    import threading
    import webbrowser
    sock = bind(port)  # first: a port in use is said before the project is checked
    session = Session(root, cases)
    echo("memeriksa proyek…")
    snap = session.refresh()
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    echo(f"{len(session.entries)} dokumen, {len(snap.errors)} galat. Pratinjau: {url} (Ctrl+C untuk berhenti)")
    web = server(session)
    if open_browser:
        def opener():
            while not web.started and not web.should_exit:
                threading.Event().wait(0.05)
            if web.started:
                webbrowser.open(url)
        threading.Thread(target=opener, daemon=True).start()
    try:
        web.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops gracefully, then raises the Ctrl+C it caught
        pass
    echo("pratinjau dihentikan.")


class Background:
    """The preview served from a thread (tests, benchmarks): ``with Background(root) as url``."""
    def __init__(self, root: Path, port: int = 0, cases: Path | None = None):
        self.session, self.sock = Session(root, cases), bind(port)

    def __enter__(self) -> str:
        import threading
        self.session.refresh()
        self.web = server(self.session)
        self.thread = threading.Thread(target=self.web.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        while not self.web.started:
            if not self.thread.is_alive():
                raise RuntimeError("the preview server did not start")
            threading.Event().wait(0.02)
        return f"http://{HOST}:{self.sock.getsockname()[1]}/"

    def __exit__(self, *exc) -> None:
        self.session.closing = True
        self.web.should_exit = True
        self.thread.join(10)
        self.sock.close()
