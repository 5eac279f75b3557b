"""Screenshot built pages in headless Chromium: `python tools/screenshots.py [PAGE ...]`.

Serves site/ on a free loopback port and writes PNGs to screenshots/ (ignored by git),
one per page, language and width. PAGE is a site path such as `xingu/` (Chinese) or
`en/xingu/`; the default is every page of both languages.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
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


class _GzipHandler(_QuietHandler):
    """Serves text files gzipped to a browser that accepts it, as a web host does (GitHub
    Pages, a CDN): what a reader downloads is the compressed size."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path, gzipped: bool = False, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` on loopback (a free port unless `port` is given); with `gzipped`,
    compressed as a web host serves it."""
    handler = functools.partial(_GzipHandler if gzipped else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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
