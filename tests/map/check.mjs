// Opens a `geochron map` page in headless Chromium and checks it as a person would look at it:
// node check.mjs PAGE.html SHOT.png EXPECTED_POINTS (run by tests/map/check.sh).
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const { chromium } = createRequire(import.meta.url)("playwright-core");
const [page_file, shot, expected_text] = process.argv.slice(2);
const expected = Number(expected_text);
const failures = [];
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (ok) passed += 1;
  else failures.push(what);
};

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "geochron-map-")), {
  executablePath: "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1200, height: 800 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
// Every request the page makes, whatever it is for; only the page's own file may appear.
const requests = [];
context.on("request", (request) => requests.push(request.url()));
await context.route("**/*", (route) =>
  route.request().url().startsWith("file:") ? route.continue() : route.abort(),
);
const page = context.pages()[0] ?? (await context.newPage());
const errors = [];
page.on("pageerror", (error) => errors.push(String(error)));
const url = pathToFileURL(resolve(page_file)).href;
await page.goto(url, { waitUntil: "load" });

// The points: one per placed event, each drawn with a size inside the map.
const circles = page.locator("#map circle.event");
check((await circles.count()) === expected, `${expected} points drawn (found ${await circles.count()})`);
const drawn = await page.evaluate(() => {
  const map = document.getElementById("map").getBoundingClientRect();
  return [...document.querySelectorAll("#map circle.event")].filter((c) => {
    const b = c.getBoundingClientRect();
    return b.width > 1 && b.left >= map.left && b.right <= map.right && b.top >= map.top && b.bottom <= map.bottom;
  }).length;
});
check(drawn === expected, `every point has a size and lies inside the map (${drawn})`);
const coarse = await page.locator("#map circle.event.coarse").count();
check(coarse > 0 && coarse < expected, `region- and country-precision points drawn as rings (${coarse})`);
check((await page.locator("#map path.land").count()) === 1, "the world outline is drawn");
check((await page.textContent("#status")).startsWith(`${expected} of ${expected} events shown`), "the status counts every event");

// The timeline: bars whose counts add up to the points.
const bars = await page.$$eval("#timeline rect.bar", (all) => all.map((b) => ({ bucket: b.dataset.bucket, count: +b.dataset.count })));
check(bars.length > 1, `the timeline has bars (${bars.length})`);
check(bars.reduce((n, b) => n + b.count, 0) === expected, "the bars count every point");

// A click on the tallest bar shows only its events; `All dates` brings the rest back.
const tallest = bars.reduce((a, b) => (b.count > a.count ? b : a));
await page.locator(`#timeline rect.bar[data-bucket="${tallest.bucket}"]`).click();
const visible = () => page.locator("#map circle.event:not(.hidden)").count();
check((await visible()) === tallest.count, `a bar shows its ${tallest.count} events only (${await visible()})`);
check((await page.textContent("#range")).startsWith(`${tallest.bucket}: ${tallest.count} events`), "the range says what is shown");
await page.click("#all");
check((await visible()) === expected, "`All dates` shows every event again");

// A drag across the first half of the timeline shows the events of those bars.
const box = await page.locator("#timeline").boundingBox();
const half = Math.floor(bars.length / 2);
const left = Number(await page.getAttribute("#timeline", "data-left"));
const step = Number(await page.getAttribute("#timeline", "data-step"));
await page.mouse.move(box.x + left + step * 0.5, box.y + 40);
await page.mouse.down();
await page.mouse.move(box.x + left + step * (half - 0.5), box.y + 40, { steps: 5 });
await page.mouse.up();
const inHalf = bars.slice(0, half).reduce((n, b) => n + b.count, 0);
check((await visible()) === inHalf, `a drag over ${half} bars shows their ${inHalf} events (${await visible()})`);
await page.click("#all");

// A click on a point opens its popup: date, place, tolls, the quoted sentence.
const target = page.locator("#map circle.event:not(.coarse)").last();
const id = await target.getAttribute("data-id");
await target.click({ force: true });
const popup = page.locator("#popup");
check(await popup.isVisible(), "a click on a point opens its popup");
const said = await popup.textContent();
check(
  ["date", "place", "actors", "killed", "injured", id].every((word) => said.includes(word)),
  `the popup gives the event ${id} with its date, place, actors and tolls`,
);
check(/“.+”/.test(said), "the popup quotes the sentence");
await page.screenshot({ path: shot });
await page.click("#map", { position: { x: 5, y: 5 } });
check(!(await popup.isVisible()), "a click elsewhere closes the popup");

// The screenshot of a drawn page is far from blank (a blank one is a few kilobytes).
const size = statSync(shot).size;
check(size > 40000, `the screenshot ${shot} shows a drawn page (${size} bytes)`);
check(errors.length === 0, `no script error (${errors.join("; ")})`);
const outside = requests.filter((u) => u !== url);
check(outside.length === 0, `nothing requested beyond the page itself (${outside.join(", ")})`);

await context.close();
console.log(`map: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
