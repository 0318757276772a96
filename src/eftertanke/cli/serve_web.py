"""The web server behind ``eftertanke serve``: textual-serve, guarded.

What it adds to textual-serve's ``Server``:

- Every route that reaches the journal lives under ``/<token>/``: the page,
  its WebSocket and the download route. A request whose path does not start
  with the token gets 403. Only ``/static/`` is open: textual-serve's own
  JavaScript, CSS, fonts and background image, the same for every install,
  nothing from the journal.
- On loopback, the Host header must name loopback too (a DNS-rebinding page
  cannot borrow the browser), and a WebSocket's Origin must be this server.
- No access log (it would write the token), no caching of the page, no
  Referer sent onwards, no framing by other pages, nothing loaded from
  anywhere else (the page's font is the package's copy: ``serve_page.py``).
- Each tab's app runs in its own session (process group), so Ctrl+C on the
  terminal reaches only the server, which then asks each app to quit.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import secrets
import signal
from urllib.parse import urlsplit

import click
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from eftertanke.cli.serve import is_loopback
from eftertanke.i18n import t

log = logging.getLogger("textual-serve")

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
# How long an app gets to quit when the server stops, before it is ended.
QUIT_GRACE_SECONDS = 5.0


class TabApp(AppService):
    """One tab's app: started without a shell, in a session of its own."""

    def __init__(self, argv: list[str], **kwargs: object) -> None:
        super().__init__(" ".join(argv), **kwargs)  # type: ignore[arg-type]
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24):  # type: ignore[no-untyped-def]
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE_SECONDS)
        except (TimeoutError, ConnectionError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
            except TimeoutError:
                process.kill()


class GuardedServer(Server):
    def __init__(self, argv: list[str], host: str, port: int, token: str, *, lang: str) -> None:
        shown = f"[{host}]" if ":" in host else host
        super().__init__(
            " ".join(argv),
            host=host,
            port=port,
            title="eftertanke",
            public_url=f"http://{shown}:{port}",
        )
        self.argv = argv
        self.token = token
        self.lang = lang
        self.loopback = is_loopback(host)
        self.sockets: set[web.WebSocketResponse] = set()

    @property
    def address(self) -> str:
        return f"{self.public_url}/{self.token}/"

    # -- the guard -------------------------------------------------------------

    def allowed(self, request: web.Request) -> bool:
        if request.path.startswith("/static/"):
            return True
        first = request.path.lstrip("/").split("/", 1)[0]
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            return False
        if self.loopback and not is_loopback(urlsplit(f"//{request.host}").hostname or ""):
            return False
        origin = request.headers.get("Origin")
        if origin is not None and request.path.endswith("/ws"):
            return urlsplit(origin).netloc == request.host
        return True

    @web.middleware
    async def guard(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        if not self.allowed(request):
            raise web.HTTPForbidden(text="403: this address needs the token serve printed\n")
        if request.path == f"/{self.token}":
            raise web.HTTPFound(f"/{self.token}/")
        return await handler(request)

    @staticmethod
    async def add_headers(_request: web.Request, response: web.StreamResponse) -> None:
        from eftertanke.cli.serve_page import CONTENT_SECURITY_POLICY

        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2

        app = web.Application(middlewares=[self.guard])
        from eftertanke.cli.serve_page import LocalPageLoader

        aiohttp_jinja2.setup(app, loader=LocalPageLoader(str(self.templates_path), self.lang))
        prefix = f"/{self.token}"
        app.add_routes(
            [
                web.get(prefix, self.handle_index),
                web.get(prefix + "/", self.handle_index, name="index"),
                web.get(prefix + "/ws", self.handle_websocket, name="websocket"),
                web.get(prefix + "/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_response_prepare.append(self.add_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    # -- the sessions ----------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with a TabApp and the socket remembered so
        that stopping the server can close it (and so quit its app)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: TabApp | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            service = TabApp(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the rest
            log.warning("a browser session ended with an error: %s", error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await service.stop()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        click.echo(t("cli.serve.listening", self.lang, address=self.address))
        click.echo(t("cli.serve.stop_hint", self.lang))

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(
            *(socket.close() for socket in list(self.sockets)), return_exceptions=True
        )

    # -- running ---------------------------------------------------------------

    def initialize_logging(self) -> None:
        # Warnings only, one line each; aiohttp's access log stays off (it
        # would write every path, token included).
        logging.basicConfig(level=logging.WARNING, format="eftertanke serve: %(message)s")

    def run(self) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                loop=loop,
                handle_signals=False,
                access_log=None,
                print=None,
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    t("cli.serve.port_in_use", self.lang, port=self.port)
                ) from None
            raise
        except (GracefulExit, KeyboardInterrupt):
            pass
        click.echo(t("cli.serve.stopped", self.lang))
