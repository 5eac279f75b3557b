"""Pagefind under the project's policy sent as an HTTP header on every response (so it also
governs Pagefind's worker, which a <meta> policy in the page does not): without and with
'wasm-unsafe-eval'."""
import asyncio, json
from playwright.async_api import async_playwright
async def main():
    out = []
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox","--disable-gpu"])
        for port, label in ((8703, "header policy, no 'wasm-unsafe-eval'"), (8704, "header policy + 'wasm-unsafe-eval'")):
            for lang, path, q in (("zh", "/pf-test/csp-strict.html", "局区合一"), ("en", "/en/pf-test/csp-strict.html", "Enterprise Coffee Time")):
                ctx = await b.new_context(); pg = await ctx.new_page(); msgs = []
                pg.on("console", lambda m: msgs.append(m.text))
                pg.on("worker", lambda w: msgs.append("worker started: " + w.url))
                await pg.goto(f"http://127.0.0.1:{port}{path}"); await pg.click(".pagefind-ui__search-input")
                await pg.keyboard.type(q, delay=30)
                try:
                    await pg.wait_for_selector("a.pagefind-ui__result-link", timeout=8000); ok = True
                except Exception: ok = False
                n = await pg.locator("a.pagefind-ui__result-link").count()
                out.append({"server": label, "lang": lang, "results_shown": ok, "links": n, "console": msgs[:6]})
                print(json.dumps(out[-1], ensure_ascii=False)); await ctx.close()
        await b.close()
    json.dump(out, open("/tmp/pagefind-eval/csp_header.json", "w"), ensure_ascii=False, indent=1)
asyncio.run(main())
