"""eftertanke serve: loopback only, a token on every route, a clean Ctrl+C."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(journal: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(journal), "serve", *args]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://\S+/", line)
    assert found, (line, process.stderr.read() if process.poll() is not None else "")
    # The address is printed as the server starts; on a loaded machine the
    # socket may listen a moment later, so wait for it (not a timed assert).
    host_port = re.match(r"http://([^/:]+):(\d+)/", found.group(0))
    assert host_port
    host = "127.0.0.1" if host_port.group(1) == "0.0.0.0" else host_port.group(1)
    for _ in range(200):
        try:
            socket.create_connection((host, int(host_port.group(2))), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, found.group(0)


def stop(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    return process.returncode, out, err


async def status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status


async def websocket_status(url: str) -> int:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_the_token_guards_every_route_and_ctrl_c_stops_cleanly(
    journal_dir: Path, isolated_env: Path
) -> None:
    port = free_port()
    process, address = start(journal_dir, "--port", str(port))
    try:
        base = f"http://127.0.0.1:{port}"
        token = address.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 32
        ws = address.replace("http://", "ws://") + "ws"
        assert asyncio.run(status(base + "/")) == 403
        assert asyncio.run(status(base + "/ws")) == 403
        assert asyncio.run(status(base + "/wrong-token/")) == 403
        assert asyncio.run(websocket_status(base.replace("http", "ws") + "/ws")) == 403
        assert asyncio.run(websocket_status(ws.replace(token, "x" * len(token)))) == 403
        # A page elsewhere that learnt the address through DNS rebinding is refused too.
        assert asyncio.run(status(address, Host=f"evil.example:{port}")) == 403
        assert asyncio.run(status(address)) == 200
        assert asyncio.run(status(base + "/static/js/textual.js")) == 200
    finally:
        code, out, err = stop(process)
    assert code == 0, err
    assert "Traceback" not in out + err
    for folder in (journal_dir, isolated_env):
        for path in folder.rglob("*"):
            if path.is_file():
                assert token.encode() not in path.read_bytes(), path


def test_a_non_loopback_address_needs_host(journal_dir: Path) -> None:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(journal_dir), "serve"]
    result = subprocess.run(
        argv + ["--port", f"0.0.0.0:{free_port()}"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--host 0.0.0.0" in result.stderr


def test_host_opens_it_on_purpose_with_a_warning(journal_dir: Path) -> None:
    port = free_port()
    process, address = start(journal_dir, "--host", "0.0.0.0", "--port", str(port))
    time.sleep(0.2)
    code, _out, err = stop(process)
    assert address.startswith(f"http://0.0.0.0:{port}/")
    assert code == 0
    assert "warning" in err and "0.0.0.0" in err
    assert "Traceback" not in err
    assert os.path.isdir(journal_dir)


async def write_check_in_through_the_socket(address: str, words: str) -> None:
    """Drive the page's protocol: textual-serve's ["resize", …] and ["stdin", keys]."""

    async def drain(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while (left := end - loop.time()) > 0:
            try:
                message = await asyncio.wait_for(ws.receive(), left)
            except TimeoutError:
                return
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                return

    url = address.replace("http://", "ws://") + "ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        await ws.send_json(["resize", {"width": 100, "height": 30}])
        await drain(ws, 4)
        for keys in ("d", words, "\x13"):  # check-in, the answer, Ctrl+S saves
            await ws.send_json(["stdin", keys])
            await drain(ws, 2)


def test_a_check_in_written_in_the_browser_is_in_the_journal(journal_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    process, address = start(journal_dir, "--port", str(free_port()))
    try:
        asyncio.run(write_check_in_through_the_socket(address, "Sparring med kollega i dag"))
    finally:
        code, _out, err = stop(process)
    assert code == 0, err
    assert "Sparring med kollega i dag" in cli.ok("list")


def test_two_tabs_saving_at_once_both_keep_their_text(journal_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    process, address = start(journal_dir, "--port", str(free_port()))

    async def both() -> None:
        await asyncio.gather(
            write_check_in_through_the_socket(address, "Fane et skriver her"),
            write_check_in_through_the_socket(address, "Tab two writes here"),
        )

    try:
        asyncio.run(both())
    finally:
        code, _out, err = stop(process)
    assert code == 0, err
    listed = cli.ok("list")
    assert "Fane et skriver her" in listed and "Tab two writes here" in listed


async def unlock_and_check_in(address: str, passphrase: str, words: str) -> None:
    """Type the passphrase on the tab's unlock screen, then write a check-in."""

    async def drain(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while (left := end - loop.time()) > 0:
            try:
                message = await asyncio.wait_for(ws.receive(), left)
            except TimeoutError:
                return
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                return

    url = address.replace("http://", "ws://") + "ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        await ws.send_json(["resize", {"width": 100, "height": 30}])
        await drain(ws, 4)
        for keys, wait in ((passphrase, 1), ("\r", 5), ("d", 2), (words, 2), ("\x13", 2)):
            await ws.send_json(["stdin", keys])
            await drain(ws, wait)


def test_an_encrypted_journal_asks_for_its_passphrase_in_the_browser(journal_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    passphrase = "browser kept secret"
    cli.ok("new", "-m", "Before encrypting")
    cli.ok("encrypt", "--cost", "14", env={"EFTERTANKE_PASSPHRASE": passphrase})
    process, address = start(journal_dir, "--port", str(free_port()))
    try:
        asyncio.run(unlock_and_check_in(address, passphrase, "Skrevet bag adgangsfrasen"))
    finally:
        code, out, err = stop(process)
    assert code == 0, err
    listed = cli.ok("list", env={"EFTERTANKE_PASSPHRASE": passphrase})
    assert "Skrevet bag adgangsfrasen" in listed and "Before encrypting" in listed
    # Kept only in the serving processes' memory: not printed, not in any file.
    assert passphrase not in out + err
    for path in journal_dir.rglob("*"):
        if path.is_file():
            assert passphrase.encode() not in path.read_bytes(), path
            assert b"adgangsfrasen" not in path.read_bytes(), path


async def page(url: str) -> tuple[int, dict[str, str], str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, dict(response.headers), (await response.read()).decode("utf-8", "replace")


def test_the_page_loads_nothing_from_elsewhere_and_speaks_danish(journal_dir: Path) -> None:
    port = free_port()
    argv = [sys.executable, "-m", "eftertanke", "--lang", "da", "--journal", str(journal_dir),
            "serve", "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    address = re.search(r"http://\S+/", process.stdout.readline())
    assert address
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        code, headers, body = asyncio.run(page(address.group(0)))
        font = address.group(0).rsplit("/", 2)[0] + "/static/fonts/RobotoMono-VariableFont_wght.ttf"
        font_code, _headers, _font = asyncio.run(page(font))
    finally:
        stop(process)
    assert code == 200 and font_code == 200
    assert "googleapis" not in body and "https://" not in body
    assert "@font-face" in body and "/static/fonts/RobotoMono" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert '<html lang="da">' in body and "Sessionen er slut." in body and "Start igen" in body
