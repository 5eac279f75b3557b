"""Measure (a) Material's on-demand lunr search against (b) Pagefind's default UI.

Servers (tools/serve.py, gzip level 9 when smaller, request log at /__log):
  (a) site-material on :8701, (b) site-pagefind (+ /pf-test/ and /en/pf-test/ pages) on :8702.
Each run: a fresh browser context (cold cache), warm server. Bytes are those the server sent
(gzip-9 bodies where gzip is smaller; Pagefind's index files are already gzip-compressed).
"""
import asyncio, json, statistics, sys, time, urllib.request
from playwright.async_api import async_playwright

A, B = "http://127.0.0.1:8701", "http://127.0.0.1:8702"
QUERIES = {"zh": ["局区合一", "企业咖啡时", "3.54亿"],
           "en": ["bureau–zone integration", "Enterprise Coffee Time", "354 million"]}
OPTIONS = {
    "a": {"base": A, "page": {"zh": "/", "en": "/en/"}, "input": ".md-search__input",
          "links": ".md-search-result__item a"},
    "b": {"base": B, "page": {"zh": "/pf-test/", "en": "/en/pf-test/"}, "input": ".pagefind-ui__search-input",
          "links": "a.pagefind-ui__result-link"},
}
REPS = 3
MODE = sys.argv[1] if len(sys.argv) > 1 else "type"   # "type" (30 ms a key) or "paste"

INIT = r"""
(() => {
  window.__keys = []; window.__open = null; window.__hist = []; window.__errors = [];
  addEventListener('pointerdown', () => { if (window.__open === null) window.__open = performance.now(); }, true);
  addEventListener('keydown', e => window.__keys.push([e.key, performance.now()]), true);
  addEventListener('input', e => window.__keys.push(['input', performance.now()]), true);
  addEventListener('securitypolicyviolation', e => window.__errors.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
  let last = '';
  const snap = () => {
    if (!window.__sel) return;
    const seen = [];
    for (const a of document.querySelectorAll(window.__sel)) {
      const u = new URL(a.getAttribute('href'), location.href); const p = u.pathname;
      if (!seen.includes(p)) seen.push(p);
      if (seen.length === 5) break;
    }
    const s = JSON.stringify(seen);
    if (s !== last) { last = s; window.__hist.push([performance.now(), seen]); }
  };
  new MutationObserver(snap).observe(document, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href']});
})();
"""

def log(base, reset=False):
    return json.loads(urllib.request.urlopen(base + ("/__reset" if reset else "/__log")).read() or b"[]") if not reset else urllib.request.urlopen(base + "/__reset").read()

def is_search(opt, path):
    if opt == "a": return any(k in path for k in ("search_index.json", "/workers/search", "/lunr/"))
    return path.startswith("/pagefind/")

def summarise(opt, entries):
    s = [e for e in entries if is_search(opt, e["path"])]
    return {"requests": len(entries), "sent": sum(e["sent"] for e in entries),
            "search_requests": len(s), "search_sent": sum(e["sent"] for e in s),
            "search_raw": sum(e["raw"] for e in s),
            "files": [(e["path"], e["sent"]) for e in s]}

async def settle(page, ms=1500, limit=15000):
    """Wait until the results snapshot has not changed for `ms`."""
    start = time.time()
    while time.time() - start < limit / 1000:
        h = await page.evaluate("window.__hist.length ? performance.now() - window.__hist[window.__hist.length-1][0] : 0")
        if h >= ms: return
        await asyncio.sleep(0.2)

async def run(browser, opt, lang, q, page_path=None):
    o = OPTIONS[opt]; base = o["base"]
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    await ctx.add_init_script(INIT)
    page = await ctx.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append("pageerror " + str(e)))
    log(base, reset=True)
    await page.goto(base + (page_path or o["page"][lang]), wait_until="load")
    await page.wait_for_load_state("networkidle")
    await page.wait_for_timeout(1000)
    pre = summarise(opt, log(base))
    n_pre = len(log(base))
    await page.evaluate("s => { window.__sel = s; window.__hist = []; }", o["links"])
    await page.click(o["input"])
    if MODE == "paste":
        await page.keyboard.insert_text(q)   # the whole query in one input event
    else:
        await page.keyboard.type(q, delay=30)
        await page.keyboard.press("End")
    ok = True
    try:
        await page.wait_for_selector(o["links"], timeout=15000)
        await settle(page)
    except Exception as e:
        ok = False; console.append("no results: " + str(e).splitlines()[0])
    await page.wait_for_load_state("networkidle")
    st = await page.evaluate("({open: window.__open, keys: window.__keys, hist: window.__hist, errors: window.__errors})")
    after = log(base)[n_pre:]
    first = summarise(opt, after)
    await ctx.close()
    final = st["hist"][-1][1] if st["hist"] else []
    typed = [t for k, t in st["keys"] if k == "input"]
    last_key = typed[-1] if typed else None
    shown = None
    if ok and final:
        for t, s in st["hist"]:
            if s == final and t >= last_key: shown = t; break
        if shown is None: shown = last_key  # final list already on screen before the last key
    other = [u for u in final if (u.startswith("/en/") != (lang == "en"))]
    return {"opt": opt, "lang": lang, "q": q, "ok": ok, "pre": pre, "first": first, "top5": final,
            "other_language": other,
            "ms_open_to_shown": None if shown is None else round(shown - st["open"]),
            "ms_lastkey_to_shown": None if shown is None else round(shown - last_key),
            "console": console + st["errors"]}

async def main():
    out = {"runs": [], "csp": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        # warm the servers (their gzip caches) once
        for opt in OPTIONS:
            for lang in ("zh", "en"):
                await run(browser, opt, lang, QUERIES[lang][0])
        for rep in range(REPS):
            for opt in OPTIONS:
                for lang in ("zh", "en"):
                    for q in QUERIES[lang]:
                        r = await run(browser, opt, lang, q); r["rep"] = rep; out["runs"].append(r)
                        print(opt, lang, q, rep, r["ms_open_to_shown"], r["ms_lastkey_to_shown"], r["first"]["search_sent"], r["top5"], r["console"][:3], flush=True)
        # CSP: the project's policy without 'wasm-unsafe-eval'
        for lang, path in (("zh", "/pf-test/csp-strict.html"), ("en", "/en/pf-test/csp-strict.html")):
            r = await run(browser, "b", lang, QUERIES[lang][0], page_path=path)
            out["csp"].append({"lang": lang, "ok": r["ok"], "top5": r["top5"], "console": r["console"]})
            print("csp", lang, r["ok"], r["console"][:4], flush=True)
        await browser.close()
    json.dump(out, open(f"/tmp/pagefind-eval/results-{MODE}.json", "w"), ensure_ascii=False, indent=1)

asyncio.run(main())
