"""Screenshot built pages in headless Chromium: `python tools/screenshots.py [PAGE ...]`.

Serves site/ on a free loopback port and writes PNGs to screenshots/ (ignored by git),
one per page, language and width. PAGE is a site path such as `xingu/` (Chinese) or
`en/xingu/`; the default is every page of both languages.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ["", "shuangliu/", "xingu/", "about/", "en/", "en/shuangliu/", "en/xingu/", "en/about/"]
def chromium_path() -> str:
    """Debian's Chromium (this project's machines), or $CHROMIUM, e.g. Playwright's own
    browser on a GitHub runner (`python -m playwright install chromium`)."""
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--full", action="store_true", help="capture the full page height")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site to serve (default site/)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    server, base = serve(Path(args.site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 900},
                                    color_scheme="dark" if args.dark else "light")
            for path in args.pages:
                page.goto(base + path)
                if "#" in path:
                    page.wait_for_timeout(300)
                name = (path.strip("/").replace("/", "_").replace("#", "-") or "home") + f"_{args.width}" + ("_dark" if args.dark else "")
                page.screenshot(path=str(out / f"{name}.png"), full_page=args.full)
                print(out / f"{name}.png")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
