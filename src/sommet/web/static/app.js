/* sommet dashboard.
 *
 * Article text is untrusted: this file never parses markup. Every piece of text reaches
 * the page through textContent / createTextNode (see el()), so "<script>" stays text.
 */
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const TYPE_COLOURS = {
  AGREE: "#2e7dbb", CONSULT: "#4aa3df", SUPPORT: "#27ae60", CONCEDE: "#16a085", COOPERATE: "#1f618d",
  AID: "#58d68d", RETREAT: "#a3e4d7", REQUEST: "#9a8fa0", ACCUSE: "#e67e22", REJECT: "#d35400",
  THREATEN: "#e74c3c", PROTEST: "#f1948a", SANCTION: "#c0392b", MOBILIZE: "#922b21",
  COERCE: "#7b241c", ASSAULT: "#4a1410",
};
const PAGE_SIZE = 25;

const state = { cy: null, network: null, names: {}, period: { since: null, until: null },
  eventQuery: {}, eventOffset: 0, world: null };

/* ------------------------------------------------------------------ small helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

function nameOf(code) {
  return state.names[code] || code;
}

function actorLabel(actor) {
  if (!actor) return "?";
  const country = nameOf(actor.country);
  return actor.name ? `${actor.name} (${country})` : country;
}

function outletOf(row) {
  if (row.url) {
    try { return new URL(row.url).hostname.replace(/^www\./, ""); } catch (err) { /* not a URL */ }
  }
  return row.document || "";
}

function balanceColour(balance) {
  const t = (Math.max(-1, Math.min(1, balance || 0)) + 1) / 2;
  const from = [192, 57, 43], to = [46, 125, 187];
  const rgb = from.map((c, i) => Math.round(c + (to[i] - c) * t));
  return `rgb(${rgb.join(",")})`;
}

/* ------------------------------------------------------------------ period slider */

function readPeriod() {
  const all = document.getElementById("period-all").checked;
  let from = Number(document.getElementById("period-from").value);
  let to = Number(document.getElementById("period-to").value);
  if (from > to) [from, to] = [to, from];
  document.getElementById("period-label").textContent = all ? "all dates" : `${from} – ${to}`;
  state.period = all ? { since: null, until: null } : { since: String(from), until: String(to) };
}

function setupPeriod(range) {
  const from = document.getElementById("period-from");
  const to = document.getElementById("period-to");
  for (const input of [from, to]) {
    input.min = range.first;
    input.max = range.last;
  }
  from.value = range.first;
  to.value = range.last;
  let timer = null;
  const changed = (untick) => {
    if (untick) document.getElementById("period-all").checked = false;
    readPeriod();
    clearTimeout(timer);
    timer = setTimeout(refreshPeriod, 250);
  };
  from.addEventListener("input", () => changed(true));
  to.addEventListener("input", () => changed(true));
  document.getElementById("period-all").addEventListener("change", () => changed(false));
  readPeriod();
}

function yearsOf(events) {
  const years = events.map((e) => e.date).filter(Boolean).map((d) => Number(String(d).slice(0, 4)));
  if (!years.length) return { first: 1950, last: 2030 };
  return { first: Math.min(...years), last: Math.max(...years) };
}

async function refreshPeriod() {
  await loadNetwork();
  drawPlaces((await api("/api/events", { ...state.period, limit: 500 })).items);
}

/* ------------------------------------------------------------------ network */

function networkElements(network) {
  const maxEvents = Math.max(1, ...network.nodes.map((n) => n.events || 0));
  const nodes = network.nodes.map((n) => ({
    data: { id: n.id, label: n.name || nameOf(n.id), events: n.events || 0,
      size: 18 + 42 * Math.sqrt((n.events || 0) / maxEvents) },
  }));
  const edges = network.edges.map((e) => ({
    data: { id: e.id, source: e.source, target: e.target, count: e.count,
      width: 1.5 + Math.min(10, e.count), colour: balanceColour(e.balance), balance: e.balance },
  }));
  return nodes.concat(edges);
}

const CY_STYLE = [
  { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
    "background-color": "#5d6d7e", color: "#1d2430", "font-size": 11, "text-valign": "bottom",
    "text-margin-y": 3 } },
  { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
    opacity: 0.85 } },
  { selector: ":selected", style: { "border-width": 3, "border-color": "#f1c40f", "line-color": "#f1c40f" } },
];

async function loadNetwork() {
  const network = await api("/api/network", state.period);
  for (const node of network.nodes) if (node.name) state.names[node.id] = node.name;
  state.network = network;
  drawNetwork(network);
  drawEdgeList(network);
  document.getElementById("network-summary").textContent =
    `${network.nodes.length} actors, ${network.edges.length} pairs`;
  return network;
}

function drawNetwork(network) {
  if (state.cy) state.cy.destroy();
  state.cy = cytoscape({
    container: document.getElementById("network"),
    elements: networkElements(network),
    style: CY_STYLE,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000 },
    wheelSensitivity: 0.3,
  });
  window.sommetGraph = state.cy;
  state.cy.on("tap", "node", (evt) => showActor(evt.target.id()));
  state.cy.on("tap", "edge", (evt) => showPair(evt.target.data("source"), evt.target.data("target")));
}

function drawEdgeList(network) {
  const list = clear(document.getElementById("edge-list"));
  const edges = [...network.edges].sort((a, b) => b.count - a.count);
  for (const edge of edges) {
    const label = `${nameOf(edge.source)} – ${nameOf(edge.target)} (${edge.count})`;
    list.appendChild(el("li", {}, el("button", {
      type: "button", "data-pair": `${edge.source}-${edge.target}`, "aria-pressed": "false",
      onclick: () => showPair(edge.source, edge.target),
    }, label)));
  }
}

function markSelected(pair) {
  for (const button of document.querySelectorAll("#edge-list button")) {
    button.setAttribute("aria-pressed", String(button.dataset.pair === pair));
  }
  if (!state.cy) return;
  state.cy.elements().unselect();
  if (pair) state.cy.getElementById(pair).select();
}

/* ------------------------------------------------------------------ details: one actor */

function partnersOf(code) {
  const partners = [];
  for (const edge of state.network ? state.network.edges : []) {
    if (edge.source === code) partners.push({ code: edge.target, edge });
    else if (edge.target === code) partners.push({ code: edge.source, edge });
  }
  return partners.sort((a, b) => b.edge.count - a.edge.count);
}

async function showActor(code) {
  markSelected(code);
  document.getElementById("details-title").textContent = nameOf(code);
  const body = clear(document.getElementById("details-body"));
  body.appendChild(el("h3", {}, "Partners"));
  const list = el("ul", { class: "partners" });
  for (const { code: partner, edge } of partnersOf(code)) {
    list.appendChild(el("li", {},
      el("button", { class: "link", type: "button", onclick: () => showPair(edge.source, edge.target) },
        nameOf(partner)),
      el("span", { class: "muted" }, `${edge.count} events`)));
  }
  body.appendChild(list);
  body.appendChild(el("h3", {}, "Events"));
  const page = await api("/api/events", { actor: code, ...state.period, limit: 100 });
  body.appendChild(eventTimeline(page.items));
}

function eventTimeline(events) {
  const sorted = [...events].sort((a, b) => String(b.date || "").localeCompare(String(a.date || "")));
  const list = el("ul", { class: "partners" });
  for (const event of sorted) {
    list.appendChild(el("li", {},
      el("span", {}, `${event.date || "undated"} · ${event.type} · ${actorLabel(event.source)} → ${actorLabel(event.target)}`)));
  }
  if (!sorted.length) list.appendChild(el("li", { class: "muted" }, "no events in this period"));
  return list;
}

/* ------------------------------------------------------------------ details: one pair */

async function showPair(a, b) {
  markSelected(`${a}-${b}`);
  document.getElementById("details-title").textContent = `${nameOf(a)} – ${nameOf(b)}`;
  const body = clear(document.getElementById("details-body"));
  const [timeline, page] = await Promise.all([
    api("/api/timeline", { a, b, by: "month" }),
    api("/api/events", { dyad: `${a}-${b}`, ...state.period, limit: 50 }),
  ]);
  body.appendChild(el("h3", {}, "Month by month"));
  body.appendChild(timelineChart(timeline.items));
  body.appendChild(el("h3", {}, `Events (${page.items.length}${page.next_offset ? "+" : ""})`));
  const cards = el("div", { class: "event-cards" });
  body.appendChild(cards);
  for (const event of page.items) cards.appendChild(await eventCard(event));
}

function timelineChart(items) {
  const byPeriod = new Map();
  for (const item of items) {
    byPeriod.set(item.period, Object.entries(item.types).map(([type, count]) => ({ type, count })));
  }
  const max = Math.max(1, ...[...byPeriod.values()].map((rows) => rows.reduce((s, r) => s + r.count, 0)));
  const chart = el("div", { class: "timeline" });
  const types = new Set();
  for (const [period, rows] of byPeriod) {
    const bar = el("div", { class: "bar" });
    for (const row of rows) {
      types.add(row.type);
      const span = el("span", { title: `${row.type}: ${row.count}` });
      span.style.width = `${(100 * row.count) / max}%`;
      span.style.background = TYPE_COLOURS[row.type] || "#999";
      bar.appendChild(span);
    }
    chart.appendChild(el("span", {}, period));
    chart.appendChild(bar);
  }
  const key = el("div", { class: "type-key" });
  for (const type of types) {
    const swatch = el("span", {}, type);
    swatch.style.setProperty("--swatch", TYPE_COLOURS[type] || "#999");
    key.appendChild(swatch);
  }
  return el("div", {}, key, chart);
}

async function eventCard(event) {
  const detail = await api(`/api/events/${encodeURIComponent(event.id)}`);
  const card = el("article", { class: "event-card", "data-event": event.id },
    el("header", {},
      el("span", { class: "type" }, event.type + (event.mode ? ` (${event.mode})` : "")),
      el("span", {}, `${actorLabel(event.source)} → ${actorLabel(event.target)}`),
      el("span", { class: "meta" }, `${event.date || "undated"} · confidence ${Number(event.confidence).toFixed(2)}`)));
  for (const report of detail.reports) card.appendChild(await reportView(report));
  return card;
}

const documentCache = new Map();

function documentText(id) {
  if (!documentCache.has(id)) {
    documentCache.set(id, api(`/api/documents/${encodeURIComponent(id)}`).then((doc) => doc.text));
  }
  return documentCache.get(id);
}

async function reportView(report) {
  const text = await documentText(report.document);
  const meta = [outletOf(report), report.published ? `published ${report.published}` : null,
    `document ${report.document}`].filter(Boolean).join(" · ");
  const view = el("div", { class: "report" }, el("div", { class: "meta" }, meta));
  view.appendChild(highlighted(text, report.evidence, 280));
  view.appendChild(el("details", {}, el("summary", {}, "whole article"),
    highlighted(text, report.evidence, Infinity, "article-text evidence")));
  return view;
}

/* The evidence sentence inside its article text, marked; text nodes only. */
function highlighted(text, evidence, context, cls) {
  const box = el("p", { class: cls || "evidence" });
  if (!text || !evidence || !(evidence.end > evidence.start) || text.slice(evidence.start, evidence.end) !== evidence.text) {
    box.appendChild(el("mark", {}, evidence ? evidence.text : ""));
    return box;
  }
  const from = Math.max(0, evidence.start - context);
  const to = Math.min(text.length, evidence.end + context);
  box.appendChild(document.createTextNode((from > 0 ? "… " : "") + text.slice(from, evidence.start)));
  box.appendChild(el("mark", {}, text.slice(evidence.start, evidence.end)));
  box.appendChild(document.createTextNode(text.slice(evidence.end, to) + (to < text.length ? " …" : "")));
  return box;
}

/* ------------------------------------------------------------------ actor search */

function setupSearch() {
  const input = document.getElementById("actor-search");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => searchActors(input.value.trim()), 200);
  });
}

async function searchActors(q) {
  const results = clear(document.getElementById("actor-results"));
  if (q.length < 2) return;
  const page = await api("/api/actors", { q, limit: 15 });
  for (const actor of page.items) {
    const aliases = (actor.aliases || []).slice(0, 4).join(", ");
    const label = actor.name ? `${actor.name} (${nameOf(actor.country)})` : nameOf(actor.country);
    results.appendChild(el("li", {}, el("button", { type: "button", onclick: () => pickActor(actor) },
      label, actor.role ? ` · ${actor.role}` : "", aliases ? el("div", { class: "alias" }, aliases) : null)));
  }
  if (!page.items.length) results.appendChild(el("li", { class: "muted" }, `no actor matches “${q}”`));
}

function pickActor(actor) {
  clear(document.getElementById("actor-results"));
  showActor(actor.country);
  const form = document.getElementById("event-filters");
  form.elements.actor.value = actor.country;
  form.elements.dyad.value = "";
  submitFilters();
}

/* ------------------------------------------------------------------ event table */

function setupTable() {
  const form = document.getElementById("event-filters");
  for (const type of PLOVER) form.elements.type.appendChild(el("option", { value: type }, type));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); submitFilters(); });
  document.getElementById("events-prev").addEventListener("click", () => loadEvents(state.eventOffset - PAGE_SIZE));
  document.getElementById("events-next").addEventListener("click", () => loadEvents(state.eventOffset + PAGE_SIZE));
}

function submitFilters() {
  const form = document.getElementById("event-filters");
  state.eventQuery = Object.fromEntries(new FormData(form).entries());
  loadEvents(0);
}

async function loadEvents(offset) {
  const error = document.getElementById("events-error");
  error.textContent = "";
  let page;
  try {
    page = await api("/api/events", { ...state.eventQuery, limit: PAGE_SIZE, offset: Math.max(0, offset) });
  } catch (err) {
    error.textContent = err.message;
    return;
  }
  state.eventOffset = page.offset;
  const body = clear(document.querySelector("#events-table tbody"));
  for (const event of page.items) body.appendChild(eventRow(event));
  document.getElementById("events-prev").disabled = page.offset === 0;
  document.getElementById("events-next").disabled = page.next_offset === null;
  document.getElementById("events-page").textContent =
    page.items.length ? `${page.offset + 1}–${page.offset + page.items.length}` : "no events";
}

function eventRow(event) {
  return el("tr", { "data-event": event.id },
    el("td", {}, event.date || ""), el("td", {}, event.type),
    el("td", {}, actorLabel(event.source)), el("td", {}, actorLabel(event.target)),
    el("td", {}, Number(event.confidence).toFixed(2)),
    el("td", { class: "evidence-cell" }, event.evidence ? event.evidence.text : ""),
    el("td", {}, outletOf(event)));
}

/* ------------------------------------------------------------------ map */

const project = ([lon, lat]) => [(lon + 180) * 2, (90 - lat) * 2];

/* A ring as SVG path data; a jump across the antimeridian starts a new subpath. */
function ringPath(ring) {
  return ring.map((point, i) => {
    const [x, y] = project(point);
    const jump = i === 0 || Math.abs(point[0] - ring[i - 1][0]) > 180;
    return `${jump ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

async function drawWorld() {
  const response = await fetch("/static/vendor/world-atlas/countries-110m.json");
  const world = await response.json();
  const countries = topojson.feature(world, world.objects.countries).features;
  const map = document.getElementById("map");
  const layer = svg("g", { class: "countries" });
  for (const feature of countries) {
    const path = svg("path", { class: "country", d: geometryPath(feature.geometry) });
    path.appendChild(svg("title", {})).textContent = feature.properties.name;
    layer.appendChild(path);
  }
  map.appendChild(layer);
  map.appendChild(svg("g", { class: "places" }));
}

function drawPlaces(events) {
  const places = new Map();
  for (const event of events) {
    const loc = event.location;
    if (!loc || loc.lat === null || loc.lat === undefined || loc.lon === null) continue;
    const key = `${loc.lat},${loc.lon}`;
    if (!places.has(key)) places.set(key, { loc, count: 0 });
    places.get(key).count += 1;
  }
  const layer = clear(document.querySelector("#map .places"));
  for (const { loc, count } of places.values()) {
    const [x, y] = project([loc.lon, loc.lat]);
    const dot = svg("circle", { class: "place", cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 2 * Math.sqrt(count)).toFixed(1) });
    dot.appendChild(svg("title", {})).textContent = `${loc.name}: ${count} event${count > 1 ? "s" : ""}`;
    layer.appendChild(dot);
  }
  document.getElementById("map-summary").textContent = `${places.size} places`;
}

/* ------------------------------------------------------------------ start */

async function start() {
  setupSearch();
  setupTable();
  const all = await api("/api/events", { limit: 500 });
  setupPeriod(yearsOf(all.items));
  await loadNetwork();
  await drawWorld();
  drawPlaces(all.items);
  await loadEvents(0);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  start().catch((err) => {
    document.getElementById("details-body").appendChild(el("p", { class: "error" }, `Could not load data: ${err.message}`));
  });
});
