// Browser checks of a built handbook, run by .ci/site-checks.sh:
// axe-core in headless Chromium (no serious or critical violations), search
// end to end from file://, a 360 px phone, JavaScript off, and the theme
// toggle, ←/→ page keys, the outline of long chapters, plain search
// snippets and rule-page message slots. Usage: node check.js SITE_DIR [CHROMIUM]
"use strict";

const path = require("path");
const fs = require("fs");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const site = path.resolve(process.argv[2] || "book");
const executablePath = process.argv[3] || process.env.CHROMIUM || "/usr/bin/chromium";
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const results = [];
function record(name, ok, detail) {
  results.push({ name, ok, detail });
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}
function url(rel) {
  return pathToFileURL(path.join(site, rel)).href;
}

async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  record(
    `axe: ${name}`,
    bad.length === 0,
    bad.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(", ")}`).join("; ") ||
      `${result.length} minor or moderate findings`
  );
}

async function typeSearch(page, text) {
  await page.click("#search-input");
  await page.keyboard.type(text, { delay: 20 });
  await page.waitForSelector("#search-results li a", { timeout: 10000 });
}

async function main() {
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const guide = fs.existsSync(path.join(site, "addressing-people.html")) ? "addressing-people.html" : "introduction.html";
    const rule = "rules/first-name-salutation.html";

    // Accessibility, light and dark.
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      for (const [name, rel] of [["home page", "index.html"], ["guide page", guide], ["rule page", rule], ["rule index", "rules/index.html"]]) {
        await page.goto(url(rel));
        await axe(page, `${name} (${scheme})`);
      }
      await page.goto(url("index.html"));
      await typeSearch(page, "salutation");
      await axe(page, `search results (${scheme})`);
      await context.close();
    }

    // Search end to end, from file:// with no server.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url(guide));
      await typeSearch(page, "salutation");
      const count = await page.locator("#search-results li").count();
      const teaser = await page.locator("#search-results li p").first().innerText().catch(() => "");
      const marks = await page.locator("#search-results li p mark").count();
      record("search finds results with the matching passage", count > 0 && marks > 0 && /salutation/i.test(teaser), `${count} results, ${marks} highlighted words; first passage: ${teaser.slice(0, 80)}`);
      const first = page.locator("#search-results li a").first();
      const href = await first.getAttribute("href");
      await Promise.all([page.waitForURL((u) => u.href !== url(guide), { timeout: 10000 }), first.click()]);
      const landed = page.url();
      const h1 = await page.locator("main h1").first().innerText();
      const onTopic = /salutation|addressing-people/.test(landed) && /salutation|address/i.test(h1 + (await page.locator("main").innerText()));
      record("search: the first result for “salutation” opens the right page", onTopic, `${href} -> ${path.relative(site, new URL(landed).pathname)} (h1: ${h1})`);
      await context.close();
    }

    // Sidebar marks the current page; prev/next present.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url(rule));
      const current = await page.locator("#toc a[aria-current=page]").getAttribute("href").catch(() => null);
      record("sidebar marks the current page", current !== null && current.endsWith(rule), String(current));
      const links = await page.locator("#toc a").count();
      record("sidebar lists the chapters", links > 10, `${links} links`);
      await context.close();
    }

    // A 360 px phone.
    {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      for (const rel of ["index.html", guide, rule, "rules/index.html"]) {
        await page.goto(url(rel));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        record(`phone: no sideways scrolling on ${rel}`, width <= 360, `scrollWidth ${width}`);
      }
      const title = await page.evaluate(() => {
        const p = document.querySelector(".book-title");
        const a = p.querySelector("a");
        const range = document.createRange();
        range.selectNodeContents(a);
        const text = range.getBoundingClientRect();
        const box = p.getBoundingClientRect();
        return {
          shown: a.innerText.replace(/\s+/g, " ").trim(),
          expected: document.title.split(" - ").pop(),
          clipped: p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1,
          inside: text.left >= 0 && text.right <= window.innerWidth && text.bottom <= box.bottom + 1,
        };
      });
      record("phone: the header shows the whole book title", title.shown === title.expected && !title.clipped && title.inside, `“${title.shown}”${title.clipped ? " (clipped)" : ""}${title.inside ? "" : " (outside the header)"}`);
      const searchBox = await page.locator("#search-input").boundingBox();
      record("phone: the search box fits the screen", searchBox !== null && searchBox.x >= 0 && searchBox.x + searchBox.width <= 360, searchBox ? `${Math.round(searchBox.x)}–${Math.round(searchBox.x + searchBox.width)} px` : "not shown");
      const hidden = await page.locator("#sidebar").isHidden();
      await page.click("#sidebar-toggle");
      await page.waitForTimeout(400);
      const shown = await page.locator("#sidebar a").first().isVisible();
      const expanded = await page.locator("#sidebar-toggle").getAttribute("aria-expanded");
      record("phone: the sidebar slides in from the menu button", hidden && shown && expanded === "true", `hidden before: ${hidden}, shown after: ${shown}`);
      await page.screenshot({ path: path.join(process.env.SHOTS || "/tmp", "followup-phone.png") });
      await context.close();
    }

    // JavaScript off: content and navigation still there.
    {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url(guide));
      const text = await page.locator("main").innerText();
      const frame = page.frames().find((f) => f.url().endsWith("toc.html"));
      const tocLinks = frame ? await frame.locator("a").count() : 0;
      const searchVisible = await page.locator("#search-input").isVisible();
      record("no JavaScript: content readable, navigation from toc.html, search hidden", text.length > 200 && tocLinks > 10 && !searchVisible, `${text.length} characters, ${tocLinks} toc links`);
      await context.close();
    }

    // Themes: follow the system, toggle, remember.
    {
      const context = await browser.newContext({ colorScheme: "dark" });
      const page = await context.newPage();
      await page.goto(url("index.html"));
      const followsSystem = await page.evaluate(() => document.documentElement.classList.contains("dark"));
      await page.click("#theme-toggle");
      const toggled = await page.evaluate(() => document.documentElement.classList.contains("light"));
      await page.goto(url(guide));
      const remembered = await page.evaluate(() => document.documentElement.classList.contains("light"));
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      record("themes: dark follows the system, the toggle switches and is remembered", followsSystem && toggled && remembered, `background ${bg}`);
      await context.close();
    }

    // ← and → go to the previous and next page, but not while typing.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url(guide));
      const next = await page.locator(".pager a[rel=next]").getAttribute("href");
      const prev = await page.locator(".pager a[rel=prev]").getAttribute("href");
      // Presses `key` and returns the page it leads to (the same page when it leads nowhere).
      const pressKey = async (key) => {
        const from = page.url();
        await Promise.all([
          page.waitForURL((u) => u.href !== from, { timeout: 3000 }).catch(() => {}),
          page.keyboard.press(key),
        ]);
        return path.relative(site, new URL(page.url()).pathname);
      };
      const afterRight = await pressKey("ArrowRight");
      const back = await pressKey("ArrowLeft");
      const afterLeft = await pressKey("ArrowLeft");
      record("keys: → opens the next page, ← the previous one", afterRight === next && back === guide && afterLeft === prev, `→ ${afterRight} (next ${next}), ← ${back}, ← ${afterLeft} (previous ${prev})`);
      await page.goto(url(guide));
      await page.click("#search-input");
      await page.keyboard.type("tim");
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(300);
      const stayed = page.url() === url(guide);
      const caret = await page.evaluate(() => document.getElementById("search-input").selectionStart);
      record("keys: arrows in the search box move the caret, not the page", stayed && caret === 3, `still on ${path.relative(site, new URL(page.url()).pathname)}, caret at ${caret}`);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+ArrowRight");
      await page.waitForTimeout(200);
      record("keys: an arrow with a modifier is left to the browser", page.url() === url(guide), path.relative(site, new URL(page.url()).pathname));
      await context.close();
    }

    // A long chapter opens with an outline whose links land below the header.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const chapter = fs.existsSync(path.join(site, "checking-in.html")) ? "checking-in.html" : guide;
      await page.goto(url(chapter));
      const links = page.locator("nav.page-outline a");
      const count = await links.count();
      const sections = await page.locator("main h2").count();
      const second = links.nth(1);
      const target = (await second.getAttribute("href")) || "";
      await second.click();
      await page.waitForTimeout(300);
      const placed = await page.evaluate((id) => {
        const h = document.getElementById(id.slice(1));
        const bar = document.querySelector(".topbar").getBoundingClientRect();
        if (!h) return null;
        const r = h.getBoundingClientRect();
        return { top: r.top, barBottom: bar.bottom, hash: location.hash };
      }, target);
      record("outline: a link per section, landing on its heading below the header", count >= 4 && count === sections && placed && placed.hash === target && placed.top >= placed.barBottom - 1 && placed.top <= placed.barBottom + 60,
        `${count} links for ${sections} sections; ${target} at ${placed && Math.round(placed.top)} px, header ends at ${placed && Math.round(placed.barBottom)} px`);
      await page.goto(url("when-to-send.html")).catch(() => {});
      const short = await page.locator("nav.page-outline").count();
      record("outline: none on a short chapter", short === 0, `${short} outlines`);
      await context.close();
    }

    // Search snippets are plain text: no Markdown backticks.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url("index.html"));
      let ticks = 0;
      let shown = 0;
      for (const query of ["okafor", "placeholder", "greeting"]) {
        await page.fill("#search-input", "");
        await typeSearch(page, query);
        const text = await page.locator("#search-results").innerText();
        shown += await page.locator("#search-results li").count();
        ticks += (text.match(/`/g) || []).length;
      }
      record("search: snippets show no raw backticks", shown > 0 && ticks === 0, `${shown} results, ${ticks} backticks`);
      await context.close();
    }

    // Rule pages show message slots as slots.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url(rule));
      const message = await page.locator(".rule-facts dd").first().innerText();
      const slots = await page.locator(".rule-facts dd var.slot").count();
      record("rule page: the message shows its {name} slot as a slot", slots > 0 && !/[{}]/.test(message), message);
      await context.close();
    }

    // Print page and 404 page render.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url("print.html"));
      const chapters = await page.locator("section.print-chapter").count();
      record("print page holds the whole book", chapters > 20, `${chapters} chapters`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`browser checks: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(`browser checks could not run: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 2;
});
