"""Drive ``eftertanke serve`` with a real headless browser: a check-in typed
into the page, found afterwards with ``eftertanke list``, and a PNG of Home.

    .venv/bin/python scripts/browser_checkin.py [--journal DIR] [--lang da]
        [--passphrase P] [--out home.png] [--browser /usr/bin/chromium]

Needs a Chromium (Debian: ``apt-get install chromium``). No browser driver is
installed: the script speaks the DevTools protocol to the browser over a
WebSocket with aiohttp, which eftertanke already depends on. Without
``--journal`` it works on a copy of ``journals/demo`` in a temporary folder,
so the demo is never changed. With ``--passphrase`` the journal is taken to be
encrypted: the passphrase is typed into the page's unlock screen, as a user
would, and given to ``eftertanke list`` through the environment.

Prints each step and exits 0 only if the check-in is in the journal.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
WORDS = "Skrevet i browseren: god sparring i dag"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def start_serve(journal: Path, lang: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    argv = [sys.executable, "-m", "eftertanke", "--lang", lang, "--journal", str(journal),
            "serve", "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    found = re.search(r"http://\S+/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("serve printed no address: " + (process.stderr.read() if process.stderr else ""))
    wait_for_port(port)
    return process, found.group(0)


def start_browser(browser: str, profile: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    argv = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
            "--window-size=1280,860", "about:blank"]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, 60)
    return process, port


class Page:
    """One browser tab, spoken to with the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        await self.socket.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json()
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def wait_until(self, expression: str, seconds: float = 30) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if await self.evaluate(expression):
                return
            await asyncio.sleep(0.2)
        raise SystemExit(f"the page never got to: {expression}")

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def key(self, key: str, code: str, vk: int, *, ctrl: bool = False, text: str = "") -> None:
        modifiers = 2 if ctrl else 0
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key, "code": code,
                                      "windowsVirtualKeyCode": vk, "modifiers": modifiers}  # fmt: skip
            if kind == "keyDown" and text and not ctrl:
                params["text"] = text
            await self.call("Input.dispatchKeyEvent", **params)

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


async def drive(debug_port: int, address: str, passphrase: str | None, out: Path) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.put(f"http://127.0.0.1:{debug_port}/json/new?about:blank") as response:
            target = await response.json(content_type=None)
        async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            page = Page(ws)
            await page.call("Page.enable")
            await page.call("Page.navigate", url=address)
            print(f"opened {address.split('/')[2]}/<token>/ in the browser")
            await page.wait_until("document.body && document.body.classList.contains('-first-byte')")
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            if passphrase is not None:
                await asyncio.sleep(3)  # the tab's app starts on its unlock screen
                unlock = out.with_name(out.stem + "-unlock.png")
                await page.screenshot(unlock)
                print(f"screenshot of the unlock screen: {unlock}")
                await page.type(passphrase)
                await page.key("Enter", "Enter", 13, text="\r")
                print("typed the passphrase on the unlock screen")
            # The terminal is drawn on a canvas, so its text cannot be read
            # back: the script waits, and the screenshots show what was there.
            await asyncio.sleep(6 if passphrase is not None else 4)
            await page.screenshot(out)
            print(f"screenshot of Home: {out}")
            await page.key("d", "KeyD", 68, text="d")
            await asyncio.sleep(1.5)
            await page.type(WORDS)
            await asyncio.sleep(0.5)
            await page.key("s", "KeyS", 83, ctrl=True)
            await asyncio.sleep(2)
            after = out.with_name(out.stem + "-after-save.png")
            await page.screenshot(after)
            print(f"typed a check-in and saved it with Ctrl+S (screen: {after})")
            # The rest of the app through the page: back to Home, the other
            # language (Ctrl+L), the light theme (Ctrl+T), the palette (Ctrl+P).
            await page.key("Escape", "Escape", 27, text="\x1b")
            await asyncio.sleep(1.5)
            for key, code, vk, name in (("l", "KeyL", 76, "language"), ("t", "KeyT", 84, "theme"),
                                        ("p", "KeyP", 80, "palette")):  # fmt: skip
                await page.key(key, code, vk, ctrl=True)
                await asyncio.sleep(1.5)
                shot = out.with_name(f"{out.stem}-{name}.png")
                await page.screenshot(shot)
                print(f"Ctrl+{key.upper()} ({name}): {shot}")
            await page.key("Escape", "Escape", 27, text="\x1b")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, help="journal folder (default: a copy of journals/demo)")
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--passphrase", help="the journal is encrypted: type this on the unlock screen")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "eftertanke-home.png")
    parser.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    if not Path(args.browser).exists():
        print(f"no browser at {args.browser}: apt-get install chromium, or give --browser", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="eftertanke-browser-"))
    journal = args.journal
    if journal is None:
        journal = scratch / "journal"
        shutil.copytree(ROOT / "journals" / "demo", journal)
    env = {k: v for k, v in os.environ.items() if k != "EFTERTANKE_PASSPHRASE"}
    env.setdefault("EFTERTANKE_CONFIG_DIR", str(scratch / "config"))
    serve, address = start_serve(journal, args.lang, env)
    browser, debug_port = start_browser(args.browser, scratch / "profile")
    try:
        asyncio.run(drive(debug_port, address, args.passphrase, args.out))
    finally:
        browser.terminate()
        serve.send_signal(2)
        try:
            serve.wait(30)
        except subprocess.TimeoutExpired:
            serve.kill()
        browser.wait(30)
    list_env = dict(env)
    if args.passphrase:
        list_env["EFTERTANKE_PASSPHRASE"] = args.passphrase
    listed = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), "list", "--search", "browseren"],
        capture_output=True, text=True, env=list_env, check=False,
    )  # fmt: skip
    print("eftertanke list --search browseren:")
    print(listed.stdout.rstrip() or listed.stderr.rstrip())
    shutil.rmtree(scratch / "profile", ignore_errors=True)
    return 0 if "browseren" in listed.stdout else 1


if __name__ == "__main__":
    raise SystemExit(main())
