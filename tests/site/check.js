// Browser checks of a built handbook, run by .ci/site-checks.sh:
// axe-core in headless Chromium (no serious or critical violations), search
// end to end from file://, a 360 px phone, JavaScript off, and the theme
// toggle. Usage: node check.js SITE_DIR [CHROMIUM]
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
