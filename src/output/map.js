// The map page of `geochron map` (src/output/map.rs): draws the world outline, the events and
// the timeline from the JSON the page carries, and nothing else — no request ever leaves the
// page. Plain DOM and SVG, no library.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const world = read("world-data");
  const events = read("events-data");
  const meta = read("meta-data");
  const colours = new Map(meta.colours);
  const map = document.getElementById("map");
  const timeline = document.getElementById("timeline");
  const popup = document.getElementById("popup");
  const status = document.getElementById("status");
  const rangeText = document.getElementById("range");

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(tag, content, parent) {
    const node = document.createElement(tag);
    node.textContent = content;
    parent.appendChild(node);
    return node;
  }

  document.getElementById("query").textContent = meta.query;

  // The world, in degrees: x is the longitude, y the latitude turned upside down.
  function decode(flat) {
    const points = [];
    let x = 0;
    let y = 0;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      x += flat[i];
      y += flat[i + 1];
      points.push([x / world.scale, y / world.scale]);
    }
    return points;
  }
  const pathOf = (points, close) =>
    "M" + points.map(([lon, lat]) => lon.toFixed(2) + "," + (-lat).toFixed(2)).join("L") + (close ? "Z" : "");
  el("rect", { x: -360, y: -180, width: 720, height: 360, fill: "#d7e7f1" }, map);
  el("path", { class: "land", "fill-rule": "evenodd", d: world.land.map((r) => pathOf(decode(r), true)).join("") }, map);
  el("path", { class: "border", d: world.borders.map((l) => pathOf(decode(l), false)).join("") }, map);

  // What part of the world shows: the events' box with a margin, or the whole world.
  const view = { x: -180, y: -90, w: 360, h: 180 };
  if (events.length > 0) {
    const lons = events.map((e) => e.lon);
    const lats = events.map((e) => -e.lat);
    const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const w = Math.max(x1 - x0, 8) * 1.3;
    const h = Math.max(y1 - y0, 5) * 1.3;
    Object.assign(view, { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h });
  }
  function applyView() {
    map.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    sizePoints();
  }

  // The events: a dot per event placed at a site or a town, a dashed ring per event placed
  // only at a region or a country; the area grows with the toll. Big ones are drawn first so
  // the small ones stay clickable.
  const toll = (e) => (e.killed || 0) + (e.injured || 0);
  const radius = (e) => Math.min(3.5 + 2.2 * Math.sqrt(toll(e)), 22) + (e.coarse ? 3 : 0);
  const order = events.map((e, i) => i).sort((a, b) => radius(events[b]) - radius(events[a]));
  const circles = new Array(events.length);
  const points = el("g", { id: "points" }, map);
  for (const i of order) {
    const e = events[i];
    const colour = colours.get(e.top) || "#555";
    const circle = el(
      "circle",
      {
        class: "event" + (e.coarse ? " coarse" : ""),
        cx: e.lon,
        cy: -e.lat,
        r: 1,
        fill: colour,
        "data-id": e.id,
        "data-kind": e.kind,
      },
      points,
    );
    if (e.coarse) circle.setAttribute("stroke", colour);
    circle.addEventListener("click", (event) => {
      event.stopPropagation();
      show(i, event);
    });
    circles[i] = circle;
  }
  function unitsPerPixel() {
    const box = map.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return view.w / 800;
    return Math.max(view.w / box.width, view.h / box.height);
  }
  function sizePoints() {
    const unit = unitsPerPixel();
    events.forEach((e, i) => circles[i].setAttribute("r", (radius(e) * unit).toFixed(4)));
  }

  // The legend: the kinds on the map, and what a ring means.
  const legend = document.getElementById("legend");
  const tops = [...new Set(events.map((e) => e.top))].sort();
  for (const top of tops) {
    const row = text("div", "", legend);
    const dot = document.createElement("i");
    dot.style.background = colours.get(top) || "#555";
    row.appendChild(dot);
    row.appendChild(document.createTextNode(top.replace(/_/g, " ")));
  }
  if (events.some((e) => e.coarse)) {
    const row = text("div", "", legend);
    const ring = document.createElement("i");
    ring.className = "ring";
    row.appendChild(ring);
    row.appendChild(document.createTextNode("placed at a region or country only"));
  }
  text("div", "size: killed and injured", legend).style.color = "#666";

  // The popup of one event.
  function show(i, event) {
    const e = events[i];
    circles.forEach((c) => c.classList.remove("chosen"));
    circles[i].classList.add("chosen");
    popup.replaceChildren();
    const close = text("span", "×", popup);
    close.className = "close";
    close.addEventListener("click", hide);
    text("h2", e.kind.replace(/_/g, " "), popup);
    const list = document.createElement("dl");
    popup.appendChild(list);
    const field = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      text("dt", name, list);
      text("dd", String(value), list);
    };
    const date = e.start === e.end ? e.start : e.start + " to " + e.end;
    field("date", date + " (" + e.date_precision + ")");
    const where = [e.place, e.admin1 !== e.place ? e.admin1 : null, e.country].filter(Boolean);
    field("place", where.join(", ") + " (" + e.geo_precision + " precision)");
    field("actors", e.actors.map(([name, role]) => name + " (" + role + ")").join("; ") || "none named");
    field("killed", e.killed ?? "not reported");
    field("injured", e.injured ?? "not reported");
    field("source", [e.source, e.published].filter(Boolean).join(", "));
    field("event", e.id);
    const quote = text("blockquote", "“" + e.summary + "”", popup);
    quote.className = "quote";
    popup.style.display = "block";
    const box = document.getElementById("main").getBoundingClientRect();
    const x = Math.min(event.clientX - box.left + 12, box.width - popup.offsetWidth - 8);
    const y = Math.min(event.clientY - box.top + 12, box.height - popup.offsetHeight - 8);
    popup.style.left = Math.max(x, 4) + "px";
    popup.style.top = Math.max(y, 4) + "px";
  }
  function hide() {
    popup.style.display = "none";
    circles.forEach((c) => c.classList.remove("chosen"));
  }

  // Pan by dragging, zoom with the wheel around the pointer.
  let drag = null;
  map.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, view: { ...view }, moved: false };
    map.classList.add("dragging");
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const unit = unitsPerPixel();
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.view.x - dx * unit;
    view.y = drag.view.y - dy * unit;
    map.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  });
  window.addEventListener("pointerup", () => {
    map.classList.remove("dragging");
    drag = null;
  });
  map.addEventListener("click", () => hide());
  map.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const factor = Math.exp(event.deltaY * 0.0015);
      const point = map.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const at = point.matrixTransform(map.getScreenCTM().inverse());
      const w = Math.min(Math.max(view.w * factor, 0.5), 720);
      const h = view.h * (w / view.w);
      view.x = at.x - (at.x - view.x) * (w / view.w);
      view.y = at.y - (at.y - view.y) * (w / view.w);
      view.w = w;
      view.h = h;
      applyView();
    },
    { passive: false },
  );

  // The timeline: events counted by the day, month or year they start in (the unit from the
  // span of the dates), every unit between the first and the last drawn.
  const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
  const days = events.map((e) => dayOf(e.start));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = events.length > 0 ? last - first : 0;
  const unit = span <= 92 ? "day" : span <= 1500 ? "month" : "year";
  const bucketOf = (iso) => (unit === "day" ? iso.slice(0, 10) : unit === "month" ? iso.slice(0, 7) : iso.slice(0, 4));
  const buckets = [];
  if (events.length > 0) {
    const start = new Date(first * 86400000);
    const end = new Date(last * 86400000);
    const cursor = new Date(Date.UTC(start.getUTCFullYear(), unit === "year" ? 0 : start.getUTCMonth(), unit === "day" ? start.getUTCDate() : 1));
    while (cursor <= end) {
      buckets.push(bucketOf(cursor.toISOString()));
      if (unit === "day") cursor.setUTCDate(cursor.getUTCDate() + 1);
      else if (unit === "month") cursor.setUTCMonth(cursor.getUTCMonth() + 1);
      else cursor.setUTCFullYear(cursor.getUTCFullYear() + 1);
    }
  }
  const index = new Map(buckets.map((b, i) => [b, i]));
  const eventBucket = events.map((e) => index.get(bucketOf(e.start)));
  const counts = buckets.map(() => 0);
  eventBucket.forEach((b) => {
    if (b !== undefined) counts[b] += 1;
  });
  let chosen = null; // [first bucket, last bucket], or null for every date

  function drawTimeline() {
    timeline.replaceChildren();
    const width = timeline.getBoundingClientRect().width || 800;
    const height = 110;
    const plot = { left: 30, right: 10, top: 6, bottom: 22 };
    const room = width - plot.left - plot.right;
    const step = buckets.length > 0 ? room / buckets.length : room;
    const most = Math.max(1, ...counts);
    const barHeight = height - plot.top - plot.bottom;
    el("text", { class: "axis", x: plot.left - 4, y: plot.top + 8, "text-anchor": "end" }, timeline).textContent = String(most);
    el("text", { class: "axis", x: plot.left - 4, y: plot.top + barHeight, "text-anchor": "end" }, timeline).textContent = "0";
    buckets.forEach((bucket, i) => {
      const h = (counts[i] / most) * barHeight;
      const out = chosen !== null && (i < chosen[0] || i > chosen[1]);
      const bar = el(
        "rect",
        {
          class: "bar" + (out ? " out" : ""),
          x: plot.left + i * step + Math.min(1, step * 0.1),
          y: plot.top + barHeight - h,
          width: Math.max(step - Math.min(2, step * 0.2), 0.5),
          height: Math.max(h, counts[i] > 0 ? 1 : 0),
          "data-bucket": bucket,
          "data-count": counts[i],
        },
        timeline,
      );
      el("title", {}, bar).textContent = bucket + ": " + counts[i] + " events";
    });
    const labels = Math.max(1, Math.floor(room / 70));
    const every = Math.max(1, Math.ceil(buckets.length / labels));
    buckets.forEach((bucket, i) => {
      if (i % every !== 0) return;
      el("text", { class: "axis", x: plot.left + i * step, y: height - 6 }, timeline).textContent = bucket;
    });
    if (brush) {
      const [a, b] = [Math.min(brush.from, brush.to), Math.max(brush.from, brush.to)];
      el("rect", { class: "brush", x: plot.left + a * step, y: plot.top, width: (b - a + 1) * step, height: barHeight }, timeline);
    }
    timeline.dataset.step = step;
    timeline.dataset.left = plot.left;
  }

  function bucketAt(clientX) {
    const box = timeline.getBoundingClientRect();
    const step = +timeline.dataset.step;
    const i = Math.floor((clientX - box.left - +timeline.dataset.left) / step);
    return Math.min(Math.max(i, 0), buckets.length - 1);
  }
  let brush = null;
  timeline.addEventListener("pointerdown", (event) => {
    if (buckets.length === 0) return;
    const i = bucketAt(event.clientX);
    brush = { from: i, to: i };
    timeline.setPointerCapture(event.pointerId);
    drawTimeline();
  });
  timeline.addEventListener("pointermove", (event) => {
    if (!brush) return;
    brush.to = bucketAt(event.clientX);
    drawTimeline();
  });
  timeline.addEventListener("pointerup", () => {
    if (!brush) return;
    chosen = [Math.min(brush.from, brush.to), Math.max(brush.from, brush.to)];
    brush = null;
    filter();
  });
  document.getElementById("all").addEventListener("click", () => {
    chosen = null;
    filter();
  });

  // Shows the events of the chosen stretch of time only.
  function filter() {
    let shown = 0;
    events.forEach((e, i) => {
      const b = eventBucket[i];
      const visible = chosen === null || (b >= chosen[0] && b <= chosen[1]);
      circles[i].classList.toggle("hidden", !visible);
      if (visible) shown += 1;
    });
    map.dataset.shown = shown;
    let message = shown + " of " + events.length + " events shown";
    if (meta.unplaced > 0) message += "; " + meta.unplaced + " without a place are not on the map";
    status.textContent = message;
    if (events.length === 0) {
      rangeText.textContent = "The query found no event with a place to draw.";
    } else if (chosen === null) {
      rangeText.textContent = "By " + unit + ". Drag across the timeline, or click a bar, to show only those events.";
    } else {
      const a = buckets[chosen[0]];
      const b = buckets[chosen[1]];
      rangeText.textContent = (a === b ? a : a + " to " + b) + ": " + shown + " events.";
    }
    hide();
    drawTimeline();
  }

  window.addEventListener("resize", () => {
    sizePoints();
    drawTimeline();
  });
  applyView();
  filter();
})();
