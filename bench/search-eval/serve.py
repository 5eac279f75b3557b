"""Static server for the measurements: gzip (level 9) when the client asks and it is smaller;
logs every response (path, raw bytes, bytes sent) and exposes the log at /__log, /__reset."""
import gzip, json, mimetypes, os, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlsplit, unquote

ROOT = os.path.abspath(sys.argv[1]); PORT = int(sys.argv[2])
LOG, LOCK, CACHE = [], threading.Lock(), {}
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        if path == "/__log":
            with LOCK: body = json.dumps(LOG).encode()
            return self._send(200, body, "application/json", None, log=False)
        if path == "/__reset":
            with LOCK: LOG.clear()
            return self._send(200, b"ok", "text/plain", None, log=False)
        fs = os.path.normpath(os.path.join(ROOT, path.lstrip("/")))
        if not fs.startswith(ROOT): return self._send(403, b"", "text/plain", None)
        if os.path.isdir(fs):
            if not path.endswith("/"):
                self.send_response(301); self.send_header("Location", path + "/"); self.send_header("Content-Length", "0"); self.end_headers(); return
            fs = os.path.join(fs, "index.html")
        if not os.path.isfile(fs): return self._send(404, b"not found", "text/plain", None)
        if fs not in CACHE:
            raw = open(fs, "rb").read(); CACHE[fs] = (raw, gzip.compress(raw, 9))
        raw, gz = CACHE[fs]
        ctype = mimetypes.guess_type(fs)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"): ctype += "; charset=utf-8"
        use_gz = "gzip" in (self.headers.get("Accept-Encoding") or "") and len(gz) < len(raw)
        self._send(200, gz if use_gz else raw, ctype, "gzip" if use_gz else None, raw_len=len(raw), gz9=len(gz))
    def _send(self, code, body, ctype, enc, log=True, raw_len=None, gz9=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype); self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        if enc: self.send_header("Content-Encoding", enc)
        if os.environ.get("CSP"): self.send_header("Content-Security-Policy", os.environ["CSP"])
        self.end_headers(); self.wfile.write(body)
        if log:
            with LOCK: LOG.append({"t": time.time(), "path": urlsplit(self.path).path, "status": code,
                                   "raw": raw_len if raw_len is not None else len(body), "sent": len(body), "gzip9": gz9})

ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
