// End-to-end tests of the graph explorer and GraphiQL in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser downloads). Run by scripts/e2e.sh,
// which starts the server and sets BASE_URL. Screenshots go to e2e/screenshots/ and are checked
// for blank renders.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import Graph from "graphology";
import gexfFormat from "graphology-gexf";
import { chromium } from "playwright-core";

const BASE = (process.env.BASE_URL ?? "").replace(/\/$/, "");
if (!BASE) throw new Error("set BASE_URL to the running server, e.g. http://127.0.0.1:8080");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");
mkdirSync(SHOTS, { recursive: true });

const PLAN = "actionplan:samen-tegen-mensenhandel";

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * A fresh page on the explorer (or another path). Every request must go to the server itself:
 * anything else (a CDN, a font service) is blocked and fails the test.
 */
async function open(t, path = "/", { wait = true, viewport = { width: 1440, height: 900 }, allowErrors = false, setup = null } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const external = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(BASE + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.fallback();
    external.push(url);
    return route.abort();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(external, [], "requests outside the server");
    if (!allowErrors) assert.deepEqual(errors, [], "errors in the page");
  });
  if (setup) await setup(page, context);
  await page.goto(BASE + path);
  if (wait) await ready(page);
  return page;
}

/** Waits until the explorer is idle: loaded, no request in flight, layout stopped. */
async function ready(page) {
  await page.waitForFunction(() => window.__explorer?.ready === true, null, { timeout: 30000 });
}

function explorer(page) {
  return page.evaluate(() => {
    const e = window.__explorer;
    return {
      nodeCount: e.nodeCount,
      edgeCount: e.edgeCount,
      visibleNodeCount: e.visibleNodeCount,
      hiddenCount: e.hiddenCount,
      selected: e.selected,
      highlightedPath: e.highlightedPath,
      expanded: e.expanded,
      lastError: e.lastError,
    };
  });
}

/**
 * Colour statistics of a PNG, decoded in the page: distinct colours (quantised to 4 bits per
 * channel) and the share of pixels that are not (near) white.
 */
async function pngStats(page, png) {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bmp, 0, 0);
    const { data } = ctx.getImageData(0, 0, bmp.width, bmp.height);
    const colours = new Set();
    let nonWhite = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
      if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) nonWhite++;
    }
    return { width: bmp.width, height: bmp.height, colours: colours.size, nonWhite: nonWhite / (data.length / 4) };
  }, Buffer.from(png).toString("base64"));
}

function assertDrawn(stats, what, minColours = 12) {
  assert.ok(stats.colours >= minColours, `${what}: only ${stats.colours} colours — a blank render?`);
  assert.ok(stats.nonWhite > 0.005, `${what}: ${(stats.nonWhite * 100).toFixed(2)}% non-white pixels — a blank render?`);
}

/** A screenshot of the page (saved) and a check that the graph canvas is not blank. */
async function shoot(page, name, { graph = true } = {}) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  if (graph) {
    const stats = await pngStats(page, await page.locator("#sigma").screenshot());
    assertDrawn(stats, `${name} (graph area)`);
    return stats;
  }
  return null;
}

async function closeIntro(page) {
  if (await page.locator("#intro").isVisible()) await page.click("#intro-close");
}

async function search(page, text, name) {
  await page.fill("#search", "");
  await page.fill("#search", text);
  const hit = page.locator("#results li.hit", { hasText: name }).first();
  await hit.waitFor({ timeout: 10000 });
  return hit;
}

/** Where a node is drawn, asserting that it is inside the graph area. */
async function nodePoint(page, id) {
  const p = await page.evaluate((id) => window.__explorer.position(id), id);
  assert.ok(p, `${id} is not in the graph`);
  const box = await page.locator("#sigma").boundingBox();
  assert.ok(p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height, `${id} is off-screen`);
  return p;
}

describe("graph explorer", () => {
  test("starts on the action plan with its actielijnen and who carries them", async (t) => {
    const page = await open(t);
    const s = await explorer(page);
    assert.ok(s.nodeCount > 0, "no nodes");
    assert.ok(s.edgeCount > 0, "no edges");
    assert.equal(s.lastError, null);
    const ids = await page.evaluate(() => window.__explorer.nodes());
    assert.ok(ids.includes(PLAN), "the action plan is not shown");
    assert.ok(ids.filter((id) => id.startsWith("actielijn:")).length >= 3, "fewer than 3 actielijnen");
    assert.ok(ids.some((id) => id.startsWith("org:")), "no organisations");
    // The legend: a chip per label shown, with its colour.
    const labels = await page.locator("#label-chips .chip").evaluateAll((cs) => cs.map((c) => c.dataset.label));
    for (const l of ["ActionPlan", "Actielijn", "Organisation"]) assert.ok(labels.includes(l), `no legend entry for ${l}`);
    assert.ok((await page.locator("#type-chips .chip").count()) > 0, "no relation chips");
    const stats = await shoot(page, "01-start");
    assert.ok(stats.colours >= 20, `start graph: ${stats.colours} colours`);
    // Hovering a node highlights its neighbours.
    await closeIntro(page);
    const p = await nodePoint(page, PLAN);
    await page.mouse.move(p.x, p.y);
    await page.waitForFunction((id) => window.__explorer.hovered === id, PLAN);
    await shoot(page, "01b-hover");
    await page.mouse.move(5, 5);
  });

  test("search finds CKM by its abbreviation; the panel explains with evidence and documents", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const hit = await search(page, "CKM", "Centrum tegen Kinderhandel en Mensenhandel");
    assert.equal(await hit.getAttribute("data-id"), "org:ckm");
    await shoot(page, "02a-search", { graph: false });
    await hit.click();
    await page.waitForFunction(() => window.__explorer.selected === "org:ckm");
    await page.locator('#panel[data-loaded="true"][data-shown="org:ckm"]').waitFor();
    await ready(page);
    assert.ok(await page.evaluate(() => window.__explorer.hasNode("org:ckm")));
    assert.match(await page.locator("#panel h2").first().innerText(), /Centrum tegen Kinderhandel en Mensenhandel/);
    assert.match(await page.locator("#panel .aliases").innerText(), /CKM/);
    // Relations with their evidence, each citing a document with a date.
    const evidence = page.locator("#panel .evidence");
    assert.ok((await evidence.count()) > 0, "no evidence in the panel");
    const citations = await page.locator("#panel .evidence .citation").allTextContents();
    assert.ok(citations.length > 0 && citations.every((c) => c.trim()), "evidence without a document citation");
    assert.ok(citations.some((c) => /Kamerstuk \d/.test(c)), `no Kamerstuk citation among ${citations.join(" | ")}`);
    assert.match(page.url(), /#node=org:ckm/);
    // Accent- and case-insensitive, by alias: "coordinatiecentrum" is CoMensha.
    const alias = await search(page, "coordinatiecentrum", "CoMensha");
    assert.equal(await alias.getAttribute("data-id"), "org:comensha");
    await page.keyboard.press("Escape");
    await shoot(page, "02b-ckm-panel");
  });

  test("the document view highlights the quote at its offsets", async (t) => {
    const page = await open(t, "/#node=org:ckm");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    // Prefer a relation's evidence in a Kamerstuk.
    const item = page.locator("#panel .rel .evidence", { has: page.locator(".citation", { hasText: "Kamerstuk" }) }).first();
    const quote = (await item.locator("blockquote").innerText()).trim();
    await item.locator(".open-doc").click();
    await page.locator("#docview mark#quote").waitFor();
    const marked = (await page.locator("#docview mark#quote").innerText()).trim();
    assert.equal(marked, quote, "the highlighted text is not the quote");
    const hl = await page.evaluate(() => window.__explorer.docHighlight);
    assert.equal(hl.ok, true, "offsets did not match the document text");
    assert.match(await page.locator("#docview .doc-meta").innerText(), /Kamerstuk \d/);
    assert.ok(await page.locator("#docview mark#quote").isVisible(), "the quote is not scrolled into view");
    await shoot(page, "03-document", { graph: false });
    await page.keyboard.press("Escape");
    assert.ok(await page.locator("#docview").isHidden());
  });

  test("a link opens the same node", async (t) => {
    const page = await open(t, "/#node=org:ckm");
    const s = await explorer(page);
    assert.equal(s.selected, "org:ckm");
    await page.locator('#panel[data-loaded="true"][data-shown="org:ckm"]').waitFor();
    assert.match(await page.locator("#panel h2").first().innerText(), /Centrum tegen Kinderhandel/);
    assert.ok(s.nodeCount > 1);
  });

  test("double-click expands a node without moving the others; undo takes it back", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const before = await explorer(page);
    const target = (await page.evaluate(() => window.__explorer.nodes())).includes("org:comensha") ? "org:comensha" : PLAN;
    const positions = await page.evaluate(() => Object.fromEntries(window.__explorer.nodes().map((id) => [id, window.__explorer.graphPosition(id)])));
    const p = await nodePoint(page, target);
    await page.mouse.dblclick(p.x, p.y);
    await page.waitForFunction((n) => window.__explorer.nodeCount > n, before.nodeCount, { timeout: 15000 });
    await ready(page);
    const afterExpand = await explorer(page);
    assert.ok(afterExpand.nodeCount > before.nodeCount, `expanding added no nodes (${before.nodeCount} → ${afterExpand.nodeCount})`);
    assert.ok(afterExpand.expanded.includes(target));
    const moved = await page.evaluate((old) => {
      const out = [];
      for (const [id, p] of Object.entries(old)) {
        const q = window.__explorer.graphPosition(id);
        if (!q || q.x !== p.x || q.y !== p.y) out.push(id);
      }
      return out;
    }, positions);
    assert.deepEqual(moved, [], "nodes already placed moved");
    assert.match(page.url(), new RegExp(`expand=${target}`));
    await shoot(page, "04-expanded");
    await page.click("#btn-undo");
    await page.waitForFunction((n) => window.__explorer.nodeCount === n, before.nodeCount);
    assert.equal((await explorer(page)).edgeCount, before.edgeCount);
    assert.deepEqual((await explorer(page)).expanded, []);
  });

  test("the shortest path between two organisations is highlighted", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    await page.click("#btn-path");
    await (await search(page, "Fier", "Fier")).click();
    await page.waitForFunction(() => window.__explorer.pathMode);
    await (await search(page, "VNG", "Vereniging van Nederlandse Gemeenten")).click();
    await page.waitForFunction(() => window.__explorer.highlightedPath !== null, null, { timeout: 15000 });
    await ready(page);
    const s = await explorer(page);
    assert.equal(s.highlightedPath[0], "org:fier");
    assert.ok(s.highlightedPath.includes("org:vng"));
    assert.ok(s.highlightedPath.length >= 2);
    const steps = await page.locator("#panel .path-steps .path-edge").count();
    assert.equal(steps, s.highlightedPath.length - 1, "the panel does not list every step");
    assert.ok((await page.locator("#panel .path-steps .evidence .citation").count()) > 0, "path steps without evidence");
    assert.match(page.url(), /path=org:fier,org:vng/);
    const stats = await shoot(page, "05-path");
    assert.ok(stats.colours >= 12);
    // The path survives a reload from the link.
    const again = await open(t, "/" + new URL(page.url()).hash);
    assert.deepEqual((await explorer(again)).highlightedPath, s.highlightedPath);
  });

  test("the date filter hides nodes outside the range; chips hide labels and relations", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const s0 = await explorer(page);
    assert.equal(s0.hiddenCount, 0);
    // Dutch order, typed without separators (the browser's locale does not matter).
    await page.fill("#date-from", "01012025");
    await page.press("#date-from", "Enter");
    await page.waitForFunction(() => window.__explorer.hiddenCount > 0);
    assert.equal(await page.inputValue("#date-from"), "01-01-2025");
    // A date that does not exist is refused out loud, not silently ignored.
    await page.fill("#date-to", "31-02-2025");
    await page.press("#date-to", "Enter");
    assert.equal(await page.getAttribute("#date-to", "aria-invalid"), "true");
    assert.match(await page.locator("#date-error").innerText(), /not a date/);
    const s1 = await explorer(page);
    assert.ok(s1.hiddenCount > 0 && s1.visibleNodeCount < s1.nodeCount, "the date filter hid nothing");
    assert.match(page.url(), /from=2025-01-01/);
    await shoot(page, "06-date-filter", { graph: false });
    await page.click("#date-clear");
    await page.waitForFunction(() => window.__explorer.hiddenCount === 0);
    await page.click('#label-chips .chip[data-label="Action"]');
    const s2 = await explorer(page);
    assert.ok(s2.hiddenCount > 0, "hiding Actions hid nothing");
    assert.match(page.url(), /hide=Action/);
    await page.click('#label-chips .chip[data-label="Action"]');
    await page.click('#type-chips .chip[data-type="PART_OF"]');
    assert.ok((await explorer(page)).hiddenCount > 0, "hiding PART_OF hid nothing");
  });

  test("exports the view as PNG and the graph as GEXF", async (t) => {
    const page = await open(t);
    const png = await page.evaluate(async () => {
      const b = await window.__explorer.pngBlob();
      const buf = new Uint8Array(await b.arrayBuffer());
      let s = "";
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const bytes = Buffer.from(png, "base64");
    assert.equal(bytes.subarray(1, 4).toString(), "PNG");
    assertDrawn(await pngStats(page, bytes), "PNG export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-gexf")]);
    assert.equal(download.suggestedFilename(), "beleidsgraaf.gexf");
    const gexf = readFileSync(await download.path(), "utf8");
    const s = await explorer(page);
    assert.match(gexf, /<gexf /);
    assert.equal((gexf.match(/<node /g) ?? []).length, s.visibleNodeCount);
    assert.match(gexf, /actionplan:samen-tegen-mensenhandel/);
    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.click("#btn-png")]);
    assert.equal(pngDownload.suggestedFilename(), "beleidsgraaf.png");
  });
});

describe("GraphiQL", () => {
  test("loads offline and runs a query", async (t) => {
    const page = await open(t, "/graphiql?query=" + encodeURIComponent("{ stats { totalNodes totalEdges } }"), { wait: false });
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    await page.locator(".graphiql-query-editor", { hasText: "totalEdges" }).waitFor();
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".result-window", { hasText: "totalNodes" }).waitFor({ timeout: 10000 });
    const result = await page.locator(".result-window").innerText();
    assert.match(result, /"totalNodes": \d+/);
    // The schema loaded by introspection: the documentation explorer lists the query type.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator(".graphiql-doc-explorer", { hasText: "Query" }).waitFor({ timeout: 10000 });
    await shoot(page, "07-graphiql", { graph: false });
    const stats = await pngStats(page, await page.screenshot());
    assertDrawn(stats, "GraphiQL", 8);
  });

  test("a browser opening /graphql gets GraphiQL; JSON clients get GraphQL", async (t) => {
    const page = await open(t, "/graphql", { wait: false });
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    const res = await page.request.get(BASE + "/graphql?query=" + encodeURIComponent("{ stats { totalNodes } }"), {
      headers: { Accept: "application/json" },
    });
    assert.equal(res.status(), 200);
    assert.ok((await res.json()).data.stats.totalNodes > 0);
  });
});

const PHONE = { width: 390, height: 844 };
const SMALL = { width: 1024, height: 768 };

/** The share of the viewport's area that the graph keeps uncovered (panel and sheet excluded). */
async function graphShare(page) {
  return page.evaluate(() => {
    const s = document.querySelector("#sigma").getBoundingClientRect();
    const p = document.querySelector("#panel");
    let w = s.width;
    let hgt = s.height;
    if (!p.hidden) {
      const r = p.getBoundingClientRect();
      if (r.left <= s.left + 4) hgt = Math.max(0, r.top - s.top);
      else w = Math.max(0, r.left - s.left);
    }
    return (w * hgt) / (innerWidth * innerHeight);
  });
}

/** Every visible element inside the viewport horizontally (nothing runs off screen). */
async function nothingOffScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.body.scrollWidth <= innerWidth);
}

describe("small screens", () => {
  test("a phone (390×844): full-width search, filters in a drawer, details in a bottom sheet", async (t) => {
    const page = await open(t, "/", { viewport: PHONE });
    await closeIntro(page);
    assert.ok(await nothingOffScreen(page), "the page is wider than the phone");
    const search = await page.locator("#search").boundingBox();
    assert.ok(search.width >= 0.9 * PHONE.width, `the search box is ${search.width} px wide`);
    assert.ok(search.height >= 36, `the search box is ${search.height} px high`);
    assert.ok(await page.locator("#filters").isHidden(), "the filters take room on a phone");
    assert.ok((await graphShare(page)) > 0.8, "the graph does not keep most of the screen");
    // The toolbar scrolls sideways: its right edge fades while buttons lie behind it, and a
    // button reached with the keyboard scrolls into view.
    const toolsClass = () => page.locator(".tools").getAttribute("class");
    assert.match(await toolsClass(), /more-right/);
    assert.doesNotMatch(await toolsClass(), /more-left/);
    await page.locator("#btn-lang").focus();
    const lang = await page.locator("#btn-lang").boundingBox();
    assert.ok(lang.x >= 0 && lang.x + lang.width <= PHONE.width, `the focused last button is off screen: ${JSON.stringify(lang)}`);
    await page.waitForFunction(() => !document.querySelector(".tools").classList.contains("more-right"));
    assert.match(await toolsClass(), /more-left/);
    await page.locator(".tools").evaluate((n) => n.scrollTo({ left: 0 }));
    await page.waitForFunction(() => !document.querySelector(".tools").classList.contains("more-left"));
    await shoot(page, "10-phone-start");
    // The filters open as a drawer and close with Escape.
    await page.click("#btn-filters");
    await page.locator("#filters").waitFor({ state: "visible" });
    await page.waitForTimeout(300);
    await shoot(page, "10b-phone-filters", { graph: false });
    await page.click('#label-chips .chip[data-label="Action"]');
    assert.ok((await explorer(page)).hiddenCount > 0);
    await page.click('#label-chips .chip[data-label="Action"]');
    await page.keyboard.press("Escape");
    await page.locator("#filters").waitFor({ state: "hidden" });
    // Details in a bottom sheet: the graph stays visible above it.
    await page.fill("#search", "motie 224");
    const hit = page.locator("#results li.hit").first();
    await hit.waitFor();
    await page.goto(BASE + "/#node=motion:28638-224");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    await ready(page);
    const sheet = await page.locator("#panel").boundingBox();
    assert.ok(sheet.width >= PHONE.width - 2 && sheet.y > PHONE.height * 0.4, `the panel is not a bottom sheet: ${JSON.stringify(sheet)}`);
    assert.ok((await graphShare(page)) > 0.4, "the graph is squeezed by the panel");
    const p = await nodePoint(page, "motion:28638-224");
    assert.ok(p.y < sheet.y, "the selected node is hidden behind the sheet");
    assert.ok(await page.locator("#panel .close").isVisible(), "no close button");
    await shoot(page, "11-phone-details");
    await page.click("#panel .close");
    assert.ok(await page.locator("#panel").isHidden());
  });

  test("1024×768: the graph keeps most of the window", async (t) => {
    const page = await open(t, "/", { viewport: SMALL });
    await closeIntro(page);
    assert.ok(await nothingOffScreen(page));
    assert.ok((await graphShare(page)) > 0.85, "the graph is small at 1024 px");
    const search = await page.locator("#search").boundingBox();
    assert.ok(search.width >= 190, `the search box is ${search.width} px wide`);
    await page.goto(BASE + "/#node=org:ckm");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    await ready(page);
    assert.ok((await graphShare(page)) > 0.5, "the panel covers the graph");
    await nodePoint(page, "org:ckm");
    await shoot(page, "12-1024-details");
  });
});

describe("labels", () => {
  test("actions are labelled 'Actie N'; motions by number and date; full names on hover and selection", async (t) => {
    const page = await open(t, "/#node=motion:28638-224");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    assert.match(await page.locator("#panel h2").first().innerText(), /^motie 28 638 nr\. 224 — Mutluer c\.s\., 27-09-2023$/);
    // No raw enum values, and each relation group names its relation once.
    const panelText = await page.locator("#panel").innerText();
    assert.doesNotMatch(panelText, /\b(SUBMITTED|ADOPTED|COMPLETED|LETTER)\b/, "raw enum values in the panel");
    assert.equal(await page.locator("#panel .rel-group summary .type").count(), 0);
    const motion = await page.evaluate(() => window.__explorer.labelOf("motion:28638-224"));
    assert.match(motion.label, /^motie 28 638 nr\. 224/);
    const actions = await page.evaluate(() => window.__explorer.nodes().filter((id) => id.startsWith("action:")).map((id) => [id, window.__explorer.labelOf(id)]));
    assert.ok(actions.length > 0);
    for (const [id, l] of actions) assert.equal(l.label, `Actie ${id.slice(7)}`);
    // The selected node keeps its colour and its full name while another node is hovered.
    await closeIntro(page);
    await ready(page);
    // Another node drawn on screen, left of the panel.
    const other = await page.evaluate(() => {
      const s = document.querySelector("#sigma").getBoundingClientRect();
      const right = document.querySelector("#panel").getBoundingClientRect().left;
      return window.__explorer.nodes().find((id) => {
        if (id === "motion:28638-224") return false;
        const p = window.__explorer.position(id);
        return p && p.x > s.left + 20 && p.x < right - 20 && p.y > s.top + 20 && p.y < s.bottom - 40;
      });
    });
    assert.ok(other, "no other node on screen");
    const q = await nodePoint(page, other);
    await page.mouse.move(q.x, q.y);
    await page.waitForFunction((id) => window.__explorer.hovered === id, other);
    const sel = await page.evaluate(() => window.__explorer.display("motion:28638-224"));
    assert.equal(sel.color, sel.ownColor, "the selected node greys out while another is hovered");
    assert.match(sel.label, /^motie 28 638 nr\. 224 — Mutluer c\.s\., 27-09-2023$/);
    const hov = await page.evaluate((id) => window.__explorer.display(id), other);
    const full = await page.evaluate((id) => window.__explorer.labelOf(id).full, other);
    assert.equal(hov.label, full, "the hovered node does not show its full name");
    // Leaving the canvas quickly leaves no hover behind.
    await page.mouse.move(q.x, 2, { steps: 1 });
    await page.waitForFunction(() => window.__explorer.hovered === null);
  });

  test("tidy lays the graph out again without overlapping nodes; parallel edges share one label", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    for (const id of ["org:comensha", "org:ckm", "org:fier"]) {
      await page.evaluate((id) => (location.hash = `expand=${[...window.__explorer.expanded, id].join(",")}`), id);
      await page.waitForFunction((id) => window.__explorer.expanded.includes(id), id, { timeout: 15000 });
      await ready(page);
    }
    const before = await page.evaluate(() => window.__explorer.overlaps());
    await page.click("#btn-tidy");
    await page.waitForFunction(() => window.__explorer.layoutRunning || window.__explorer.ready);
    await ready(page);
    const after = await page.evaluate(() => window.__explorer.overlaps());
    assert.ok(after <= before, `tidy left ${after} overlaps (before: ${before})`);
    assert.ok(after <= 2, `tidy left ${after} overlapping pairs`);
    await shoot(page, "13-tidy");
    const ls = await page.evaluate(() => window.__explorer.labelStats());
    assert.ok(ls.drawn >= 10, `only ${ls.drawn} labels drawn`);
    assert.equal(ls.overlapping, 0, "labels drawn over each other");
    // Edge labels: no two edges between one pair of nodes carry a label each.
    await page.goto(BASE + "/#node=org:comensha");
    await ready(page);
    const labels = await page.evaluate(() => {
      const out = [];
      const l = window.__explorer.edgeLabels();
      for (const e of Object.keys(l)) {
        const [from, , to] = e.split("|");
        out.push([from < to ? `${from}~${to}` : `${to}~${from}`, l[e]]);
      }
      return out;
    });
    const pairs = labels.map(([p]) => p);
    assert.equal(new Set(pairs).size, pairs.length, "two labels on one pair of nodes");
  });
});

describe("exports", () => {
  test("the GEXF reads back with graphology-gexf with names, kinds and colours", async (t) => {
    const page = await open(t);
    const xml = await page.evaluate(() => window.__explorer.gexf());
    const g = gexfFormat.parse(Graph, xml);
    const s = await explorer(page);
    assert.equal(g.order, s.visibleNodeCount);
    const names = await page.evaluate(() => Object.fromEntries(window.__explorer.nodes().map((id) => [id, window.__explorer.labelOf(id).full])));
    g.forEachNode((id, a) => {
      assert.equal(a.label, names[id], `${id} read back as “${a.label}”`);
      assert.ok(a.kind, `${id} has no kind`);
      assert.match(a.color ?? "", /^(#|rgb)/, `${id} has no colour`);
    });
    assert.equal(g.getNodeAttribute(PLAN, "kind"), "ActionPlan");
    const labels = new Set(g.mapNodes((_id, a) => a.label));
    assert.ok(labels.size > g.order * 0.9, "node names collapsed on reading back");
    g.forEachEdge((_e, a) => assert.ok(a.relation, "an edge without its relation type"));
  });

  test("the PNG has a title, legend and sources at 2×, without the panel", async (t) => {
    const page = await open(t, "/#node=org:ckm");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    await ready(page);
    const dims = await page.evaluate(() => ({
      w: document.querySelector("#sigma").getBoundingClientRect().width,
      h: document.querySelector("#sigma").getBoundingClientRect().height,
      panel: document.querySelector("#panel").getBoundingClientRect().width,
    }));
    const png = await page.evaluate(async () => {
      const b = await window.__explorer.pngBlob();
      const buf = new Uint8Array(await b.arrayBuffer());
      let s = "";
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const bytes = Buffer.from(png, "base64");
    const stats = await pngStats(page, bytes);
    assertDrawn(stats, "PNG export");
    assert.equal(stats.width, Math.round(dims.w - dims.panel) * 2, "the PNG is not the uncovered view at 2×");
    assert.ok(stats.height > dims.h * 2 + 120, "no room for the title, legend and sources");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(SHOTS, "14-export.png"), bytes);
  });
});

describe("keyboard", () => {
  test("the graph takes the focus; arrows select, L lists the nodes, focus moves to the panel", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    await page.focus("#sigma");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => window.__explorer.selected !== null);
    await page.keyboard.press("l");
    await page.locator("#node-list").waitFor();
    const first = await page.evaluate(() => document.activeElement?.closest("#node-list") !== null);
    assert.ok(first, "the node list did not take the focus");
    const target = await page.evaluate(() => document.activeElement.dataset.id);
    await page.keyboard.press("Enter");
    await page.waitForFunction((id) => window.__explorer.selected === id, target);
    await page.locator('#panel[data-loaded="true"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest("#panel") !== null);
    // A chip toggled with Enter keeps the focus.
    await page.focus('#label-chips .chip[data-label="Action"]');
    await page.keyboard.press("Enter");
    assert.ok((await explorer(page)).hiddenCount > 0);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.label), "Action");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.label), "Action");
  });

  test("a search result chosen with Enter moves the focus to its panel", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    await page.keyboard.press("/");
    await page.keyboard.type("CKM");
    await page.locator("#results li.hit").first().waitFor();
    await page.keyboard.press("Enter");
    await page.locator('#panel[data-loaded="true"][data-shown="org:ckm"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest("#panel") !== null);
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.activeElement?.closest("#panel") !== null), "Tab left the panel");
  });
});

describe("errors and empty states", () => {
  test("API down: a message and Retry, which recovers", async (t) => {
    let down = true;
    const page = await open(t, "/", {
      wait: false,
      allowErrors: true,
      setup: (page) => page.route("**/graphql", (route) => (down ? route.abort() : route.fallback())),
    });
    await page.locator("#loading.failed #btn-retry").waitFor({ timeout: 15000 });
    assert.match(await page.locator("#loading").innerText(), /cannot be reached/);
    await shoot(page, "15-api-down", { graph: false });
    down = false;
    await page.click("#btn-retry");
    await ready(page);
    assert.ok((await explorer(page)).nodeCount > 0);
  });

  test("filters that hide everything offer to clear them; a link to a missing node says so", async (t) => {
    const page = await open(t, "/#hide=ActionPlan,Actielijn,Action,Organisation");
    await page.locator("#empty #btn-clear-filters").waitFor();
    await page.click("#btn-clear-filters");
    await page.waitForFunction(() => window.__explorer.hiddenCount === 0);
    assert.ok(await page.locator("#empty").isHidden());
    const missing = await open(t, "/#node=org:no-such-thing", { allowErrors: true });
    assert.match(missing.url(), /node=org:no-such-thing/, "the address was reset");
    assert.match(await missing.locator("#status").innerText(), /not in the graph/);
  });
});

describe("history, evidence, paths, dates", () => {
  test("Back and Forward move between views", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    await (await search(page, "CKM", "Centrum tegen Kinderhandel en Mensenhandel")).click();
    await page.waitForFunction(() => window.__explorer.selected === "org:ckm");
    await ready(page);
    await page.evaluate(() => document.querySelector("#panel .close").click());
    await page.waitForFunction(() => window.__explorer.selected === null);
    await page.goBack();
    await page.waitForFunction(() => window.__explorer.selected === "org:ckm");
    assert.match(page.url(), /^http:\/\/[^/]+\/#/);
    await page.goBack();
    await page.waitForFunction(() => window.__explorer.selected === null);
    await ready(page);
    assert.equal(new URL(page.url()).origin, BASE, "Back left the app");
    await page.goForward();
    await page.waitForFunction(() => window.__explorer.selected === "org:ckm");
  });

  test("evidence: names marked, full quotes, the official publication and a citation to copy", async (t) => {
    const page = await open(t, "/#node=org:ckm", { setup: (_p, ctx) => ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE }) });
    await page.locator('#panel[data-loaded="true"]').waitFor();
    assert.ok((await page.locator("#panel .evidence mark.name").count()) > 0, "no names marked in the quotes");
    const link = page.locator("#panel .evidence a.official").first();
    assert.match(await link.getAttribute("href"), /^https:\/\/zoek\.officielebekendmakingen\.nl\/kst-\d+(-[A-Z]+)?-\d+\.html$/);
    await page.locator("#panel .copy-cite").first().click();
    await page.locator("#panel .copy-cite", { hasText: "copied" }).first().waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^“.+” — .+/);
    // Long quotes unfold.
    const more = page.locator("#panel .quote-more").first();
    if (await more.count()) {
      await more.click();
      assert.equal(await more.getAttribute("aria-expanded"), "true");
    }
    // The document view shows no internal file name.
    await page.locator("#panel .rel .open-doc").first().click();
    await page.locator("#docview mark#quote").waitFor();
    assert.doesNotMatch(await page.locator("#docview .doc-meta").innerText(), /\.(txt|md|html|xml|pdf)\b/);
  });

  test("paths skip co-mentions unless asked; year chips show which is active", async (t) => {
    const page = await open(t, "/#path=org:fier,org:vng");
    await page.waitForFunction(() => window.__explorer.highlightedPath !== null, null, { timeout: 15000 });
    await ready(page);
    const types = await page.evaluate(() => window.__explorer.highlightedPathEdges.map((e) => e.split("|")[1]));
    assert.ok(!types.includes("MENTIONS") && !types.includes("CITES"), `the path goes through ${types.join(", ")}`);
    await page.click("#btn-path");
    await page.click("#btn-path");
    assert.equal(await page.locator('#mode-banner input[value="MENTIONS"]').isChecked(), false);
    await page.keyboard.press("Escape");
    const year = page.locator("#date-extent .chip.year").first();
    const y = await year.innerText();
    await year.click();
    await page.waitForFunction((y) => window.__explorer.filters.from === `${y}-01-01`, y);
    assert.equal(await page.locator(`#date-extent .chip.year[data-year="${y}"]`).getAttribute("aria-pressed"), "true");
    assert.equal(await page.inputValue("#date-from"), `01-01-${y}`);
  });
});

describe("GraphiQL examples", () => {
  test("every built-in example runs without errors", async (t) => {
    const page = await open(t, "/graphiql", { wait: false });
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    const tabs = page.locator(".graphiql-tab");
    await tabs.first().waitFor();
    const n = await tabs.count();
    assert.ok(n >= 5, `${n} example tabs`);
    for (let i = 0; i < n; i++) {
      await tabs.nth(i).locator("button").first().click();
      const title = (await page.locator(".graphiql-query-editor").innerText()).split("\n").find((l) => /query \w+/.test(l)) ?? `tab ${i}`;
      await page.locator(".graphiql-execute-button").click();
      await page.waitForFunction(() => /"(data|errors)"/.test(document.querySelector(".result-window")?.innerText ?? ""), null, { timeout: 10000 });
      const result = await page.locator(".result-window").innerText();
      assert.doesNotMatch(result, /"errors"/, `${title}: ${result.slice(0, 300)}`);
      assert.match(result, /"data"/);
    }
  });
});

describe("context menu", () => {
  test("right-click: expand by relation type, hide, pin and remove", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const target = "org:comensha";
    assert.ok(await page.evaluate((id) => window.__explorer.hasNode(id), target));
    const p = await nodePoint(page, target);
    await page.mouse.click(p.x, p.y, { button: "right" });
    await page.locator("#ctx-menu").waitFor();
    const byType = page.locator("#ctx-menu button.by-type").first();
    await byType.waitFor();
    const n0 = (await explorer(page)).nodeCount;
    await byType.click();
    await ready(page);
    assert.ok((await explorer(page)).nodeCount >= n0);
    assert.ok(await page.locator("#ctx-menu").isHidden());
    // Hide, then show again from the message.
    const q = await nodePoint(page, target);
    await page.mouse.click(q.x, q.y, { button: "right" });
    await page.locator("#ctx-menu button", { hasText: "Hide" }).click();
    assert.equal(await page.evaluate((id) => window.__explorer.display(id)?.hidden ?? true, target), true);
    await page.locator("#status .msg-action").click();
    assert.equal(await page.evaluate((id) => window.__explorer.display(id).hidden ?? false, target), false);
    // Keyboard: Shift+F10 on the graph opens the menu for the selected node; remove it.
    await page.evaluate((id) => (location.hash = `node=${id}`), target);
    await page.waitForFunction((id) => window.__explorer.selected === id, target);
    await ready(page);
    await page.focus("#sigma");
    await page.keyboard.press("Shift+F10");
    await page.locator("#ctx-menu").waitFor();
    assert.ok(await page.evaluate(() => document.activeElement?.closest("#ctx-menu") !== null), "the menu did not take the focus");
    await page.locator("#ctx-menu button", { hasText: "Remove from the graph" }).click();
    assert.equal(await page.evaluate((id) => window.__explorer.hasNode(id), target), false);
  });
});

describe("languages", () => {
  test("the interface in Dutch (?lang=nl, or the EN/NL button)", async (t) => {
    const page = await open(t, "/?lang=nl#node=org:ckm");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "nl");
    assert.equal((await page.locator("#btn-path").innerText()).trim(), "Pad");
    assert.match(await page.locator("#panel").innerText(), /relaties/i);
    assert.match(await page.locator("#label-chips").innerText(), /Organisatie/);
    assert.match(await page.locator("#panel .copy-cite").first().innerText(), /citaat kopiëren/);
    // The button switches back to English and remembers it.
    await Promise.all([page.waitForNavigation(), page.click("#btn-lang")]);
    await ready(page);
    assert.equal((await page.locator("#btn-path").innerText()).trim(), "Path");
    assert.doesNotMatch(page.url(), /lang=/);
  });
});

describe("decisions and votes", () => {
  // The bundled corpus has no metadata files, so the motion's details are answered by the
  // server and given decisions on the way, in the shape the API answers them (see
  // TestSyncThenServe for the server's side).
  test("a motion's panel lists its decisions, the votes per fractie with seats, and the source record as a quote", async (t) => {
    const record = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Besluit(7b2e4c4e-0000-4000-8000-000000000224)";
    const page = await open(t, "/#node=motion:28638-224", {
      setup: async (page) => {
        await page.route("**/graphql", async (route) => {
          const body = route.request().postData() ?? "";
          if (!body.includes("query Details") || !body.includes("decisions")) return route.fallback();
          const res = await route.fetch();
          const json = await res.json();
          const node = json.data?.node;
          if (node?.id === "motion:28638-224") {
            const ev = (text, date, rec) => ({ ...node.mentions[0], quote: `Besluit: ${text} (${date}) — source record ${rec}`, start: 0, end: 0 });
            const held = record.replace("224)", "223)");
            const party = (name) => ({ id: "party:" + name.toLowerCase(), label: "Party", name });
            node.decisions = [
              { date: "2023-09-26", result: "HELD", text: "Aangehouden.", source: held, evidence: ev("Aangehouden.", "2023-09-26", held), votes: [] },
              { date: "2023-10-03", result: "ADOPTED", text: "Aangenomen.", source: record, evidence: ev("Aangenomen.", "2023-10-03", record),
                votes: [{ vote: "FOR", seats: 17, party: party("GL-PvdA") }, { vote: "FOR", seats: 5, party: party("CU") }, { vote: "AGAINST", seats: 20, party: party("PVV") }] },
            ];
          }
          return route.fulfill({ response: res, json });
        });
      },
    });
    await page.locator('#panel[data-loaded="true"]').waitFor();
    const decisions = page.locator("#panel ol.decisions > li.decision");
    assert.equal(await decisions.count(), 2);
    assert.match(await decisions.nth(0).innerText(), /Held · 26 Sept? 2023 · “?Aangehouden\.”?[\s\S]*Not put to the vote\./);
    const adopted = await decisions.nth(1).innerText();
    assert.match(adopted, /Adopted · 3 Oct 2023/);
    assert.match(adopted, /For \(22 seats\)/);
    assert.match(adopted, /Against \(20 seats\)/);
    assert.ok(adopted.includes(record), "the source record is not shown");
    assert.equal(await decisions.nth(1).locator("dl.votes button.nodelink").count(), 3);
    await shoot(page, "13-motion-decisions");
  });
});

describe("follow-up over time", () => {
  const COMPLETED = "#0b5345";
  const IN_PROGRESS = "#239b56";

  test("the timeline shows the graph as it stood on a date and plays it through time; motions in their status then", async (t) => {
    const page = await open(t, "/#node=motion:28638-231&expand=motion:28638-231,doc:kenmerk-6013609");
    await closeIntro(page);
    await page.locator('#panel[data-loaded="true"]').waitFor();
    // A motion's panel: its history as a dated list, each step with its sentence.
    const steps = page.locator("#panel .history li.step");
    assert.equal(await steps.count(), 4);
    assert.deepEqual(await steps.evaluateAll((li) => li.map((l) => `${l.dataset.date} ${l.dataset.status}`)),
      ["2023-09-27 SUBMITTED", "2023-10-03 ADOPTED", "2023-12-18 IN_PROGRESS", "2023-12-18 COMPLETED"]);
    assert.match(await steps.nth(1).innerText(), /op 3 oktober jl\. aangenomen/);
    assert.match(await steps.last().innerText(), /wordt deze motie afgedaan/);
    // Motions are coloured by status: 231 is done, 224 is being carried out.
    await page.waitForFunction((c) => window.__explorer.nodeColor("motion:28638-231") === c, COMPLETED);
    assert.equal(await page.evaluate(() => window.__explorer.nodeColor("motion:28638-224")), IN_PROGRESS);
    // The first date on the timeline: only what the letter of 18 December 2023 says is in the graph.
    assert.equal((await explorer(page)).hiddenCount, 0);
    await page.locator("#tl-range").evaluate((r) => {
      r.value = "0";
      r.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => window.__explorer.filters.asOf !== null);
    const first = await page.evaluate(() => window.__explorer.filters.asOf);
    assert.ok(first <= "2023-12-18", `the timeline starts on ${first}`);
    assert.match(page.url(), new RegExp(`asof=${first}`));
    assert.match(await page.locator("#tl-date").innerText(), /\d+ of \d+ nodes/);
    // Actielijn 6, first named in the letter of 4 July 2025, is not there yet; the letter of 2023 is.
    assert.equal(await page.evaluate(() => window.__explorer.position("actielijn:6") !== null && window.__explorer.isHidden("actielijn:6")), true);
    assert.equal(await page.evaluate(() => window.__explorer.isHidden("doc:kenmerk-6013609")), first < "2023-12-18");
    await shoot(page, "20-timeline", { graph: false });
    // Play: the date moves forward by itself, then pause.
    await page.click("#tl-play");
    assert.equal(await page.getAttribute("#tl-play", "aria-pressed"), "true");
    await page.waitForFunction((d) => (window.__explorer.filters.asOf ?? "9999") > d, first, { timeout: 10000 });
    await page.click("#tl-play");
    assert.equal(await page.getAttribute("#tl-play", "aria-pressed"), "false");
    // All dates: everything shows again.
    await page.click("#tl-all");
    await page.waitForFunction(() => window.__explorer.filters.asOf === null && window.__explorer.hiddenCount === 0);
  });

  test("on the timeline's date, a motion's panel says where it stood then and marks the later steps", async (t) => {
    const page = await open(t, "/#node=motion:28638-231&asof=2023-10-05");
    await closeIntro(page);
    await page.locator('#panel[data-loaded="true"]').waitFor();
    const status = async () => page.locator("#panel dl.props dt", { hasText: /^Status/ }).evaluate((dt) => `${dt.textContent}: ${dt.nextElementSibling.textContent}`);
    // adopted on 3 October; carried out and completed only in the letter of 18 December
    assert.equal(await status(), "Status on 5 Oct 2023: adopted");
    // in the graph since its submission, before any relation to it: it stands alone
    assert.equal(await page.evaluate(() => window.__explorer.isHidden("motion:28638-231")), false);
    const later = () => page.locator("#panel .history li.step.later").evaluateAll((li) => li.map((l) => l.dataset.status));
    assert.deepEqual(await later(), ["IN_PROGRESS", "COMPLETED"]);
    assert.match(await page.locator("#panel .history li.step.later").first().innerText(), /after the timeline's date/);
    // Moving the timeline re-renders the panel: to the timeline's first date…
    await page.locator("#tl-range").evaluate((r) => {
      r.value = "0";
      r.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const first = await page.evaluate(() => window.__explorer.filters.asOf);
    const expected = first < "2023-09-27" ? "no dated step yet" : first < "2023-10-03" ? "submitted" : first < "2023-12-18" ? "adopted" : "completed";
    await page.waitForFunction((d) => document.querySelector("#panel dl.props")?.textContent.includes(d), expected);
    // …and with all dates, today's status under its own name, no step marked as later.
    await page.click("#tl-all");
    await page.waitForFunction(() => document.querySelectorAll("#panel .history li.step.later").length === 0);
    assert.equal(await status(), "Status: completed");
  });

  test("a phone: the timeline fits above the graph; a commitment's history in the bottom sheet", async (t) => {
    const page = await open(t, "/#node=commitment:118836&asof=2023-12-18", { viewport: PHONE });
    await page.evaluate(() => document.querySelector("#intro-close")?.click()); // under the bottom sheet
    await page.locator('#panel[data-loaded="true"]').waitFor();
    assert.ok(await nothingOffScreen(page), "the page is wider than the phone");
    const tl = await page.locator("#timeline").boundingBox();
    assert.ok(tl.x >= 0 && tl.x + tl.width <= PHONE.width, "the timeline is wider than the phone");
    assert.deepEqual(await page.locator("#panel .history li.step").evaluateAll((li) => li.map((l) => `${l.dataset.date} ${l.dataset.status}`)),
      ["2023-12-18 FULFILLED", " MADE"]);
    assert.match(await page.locator("#panel .history").innerText(), /Hiermee doe ik mijn eerdere toezegging gestand/);
    await shoot(page, "21-timeline-phone", { graph: false });
  });
});
