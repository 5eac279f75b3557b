"""Pagefind's JS API on a given server: number of hits and top 5 page URLs per query (quoted
forms ask for the exact phrase)."""
import asyncio, json, sys
from playwright.async_api import async_playwright
BASE = sys.argv[1]
Q = {"zh": ["局区合一", '"局区合一"', "企业咖啡时", '"企业咖啡时"', "咖啡", "3.54亿", '"3.54亿"'],
     "en": ["bureau–zone integration", '"bureau–zone integration"', "Enterprise Coffee Time", '"Enterprise Coffee Time"', "354 million", '"354 million"']}
async def main():
    out = {}
    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox","--disable-gpu"])
        for lang, path in (("zh", "/pf-test/"), ("en", "/en/pf-test/")):
            ctx = await b.new_context(); pg = await ctx.new_page(); await pg.goto(BASE + path)
            for q in Q[lang]:
                r = await pg.evaluate("""async (q) => { const pf = await import('/pagefind/pagefind.js'); const s = await pf.search(q);
                  const d = await Promise.all(s.results.slice(0,5).map(r => r.data()));
                  return {hits: s.results.length, top5: d.map(x => x.url), first_excerpt: d.length ? d[0].excerpt.slice(0,140) : ''}; }""", q)
                out[f"{lang} {q}"] = r; print(lang, q, json.dumps(r, ensure_ascii=False))
            await ctx.close()
        await b.close()
    json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
asyncio.run(main())
