// The network page: the graph as of the slider's day, blocs coloured; click a state or an edge.
// Every string from the server is set with textContent, never innerHTML: article text is hostile.
"use strict";
(function () {
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  const slider = document.getElementById("slider");
  const dayOut = document.getElementById("day");
  const status = document.getElementById("status");
  const details = document.getElementById("details");
  const first = Date.parse(slider.dataset.first);
  const last = Date.parse(slider.dataset.last);
  const DAY = 86400000;
  slider.max = String(Math.max(0, Math.round((last - first) / DAY)));
  slider.value = String(Math.round((Date.parse(slider.dataset.on) - first) / DAY));
  let current = slider.dataset.on;
  let request = 0;

  const cy = cytoscape({
    container: document.getElementById("cy"),
    style: [
      { selector: "node", style: { label: "data(id)", "background-color": "data(color)", "font-size": 10, width: 18, height: 18 } },
      { selector: "node[kind = 'igo']", style: { shape: "round-rectangle" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", opacity: 0.7, "curve-style": "haystack" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#1d2b45", "line-color": "#1d2b45", opacity: 1 } },
    ],
    minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3,
  });

  function dayOf(value) { return new Date(first + Number(value) * DAY).toISOString().slice(0, 10); }
  function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function link(href, text) { const a = el("a", text); a.href = href; return a; }
  function getJSON(url) { return fetch(url, { headers: { Accept: "application/json" } }).then((r) => { if (!r.ok) throw new Error(url + ": HTTP " + r.status); return r.json(); }); }
  function row(cells) { const tr = el("tr"); cells.forEach((c) => { const td = el("td"); if (c instanceof Node) td.appendChild(c); else td.textContent = c == null ? "" : String(c); tr.appendChild(td); }); return tr; }
  function tableOf(head, rows) { const t = el("table"); const h = el("tr"); head.forEach((x) => h.appendChild(el("th", x))); t.appendChild(h); rows.forEach((r) => t.appendChild(row(r))); return t; }

  function pairs(network) {
    const net = new Map();
    network.edges.forEach((e) => {
      if (e.source === e.target) return;
      const key = [e.source, e.target].sort().join("|");
      const p = net.get(key) || { a: key.split("|")[0], b: key.split("|")[1], weight: 0, types: new Set() };
      p.weight += e.weight; p.types.add(e.type); net.set(key, p);
    });
    return net;
  }

  function draw(network) {
    const nodes = network.nodes.map((n) => ({ group: "nodes", data: { id: n.id, name: n.name, kind: n.kind, bloc: n.bloc, color: n.bloc == null ? "#999" : PALETTE[n.bloc % PALETTE.length] } }));
    const edges = Array.from(pairs(network).values()).map((p) => ({
      group: "edges",
      data: { id: p.a + "-" + p.b, source: p.a, target: p.b, weight: p.weight, types: Array.from(p.types).join(", "),
        width: Math.min(8, 1 + Math.abs(p.weight)), color: p.weight >= 0 ? "#2f9e62" : "#d64541" },
    }));
    cy.elements().remove();
    cy.add(nodes.concat(edges));
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 6000, idealEdgeLength: 60, numIter: 400 }).run();
    status.textContent = network.nodes.length + " states and organisations, " + edges.length + " ties";
    document.body.dataset.nodes = String(network.nodes.length);
    document.body.dataset.edges = String(edges.length);
    document.body.dataset.on = network.on;
  }

  function legend(blocs) {
    const box = document.getElementById("legend");
    box.replaceChildren();
    blocs.blocs.filter((b) => b.members.length > 1).forEach((b) => {
      const item = el("span"); const sw = el("span", undefined, "swatch"); sw.style.background = PALETTE[b.id % PALETTE.length];
      item.appendChild(sw); item.appendChild(document.createTextNode("bloc " + b.id + ": " + b.members.join(", "))); box.appendChild(item);
    });
  }

  function load(day) {
    const mine = ++request;
    current = day;
    dayOut.textContent = day;
    status.textContent = "loading…";
    document.getElementById("dl-csv").href = "/api/network?on=" + day + "&format=csv";
    document.getElementById("dl-json").href = "/api/network?on=" + day;
    document.getElementById("dl-blocs").href = "/api/blocs?on=" + day + "&format=csv";
    Promise.all([getJSON("/api/network?on=" + day), getJSON("/api/blocs?on=" + day)]).then(([net, blocs]) => {
      if (mine !== request) return;
      draw(net); legend(blocs);
      history.replaceState(null, "", "/?on=" + day);
    }).catch((err) => { status.textContent = err.message; });
  }

  function showNode(node) {
    const id = node.id();
    details.replaceChildren(el("h2", node.data("name") + " (" + id + ")"), el("p", "bloc " + node.data("bloc"), "muted"));
    // each partner opens the tie itself: on a busy graph a short edge can lie wholly under nodes
    const rel = node.connectedEdges().map((e) => {
      const other = e.source().id() === id ? e.target().id() : e.source().id();
      const open = el("button", other, "tie"); open.type = "button"; open.dataset.tie = e.id();
      open.addEventListener("click", () => { cy.$(":selected").unselect(); e.select(); showEdge(e); });
      return [open, e.data("types"), e.data("weight").toFixed(2)];
    }).sort((x, y) => Math.abs(y[2]) - Math.abs(x[2]));
    details.appendChild(el("h3", "Relations (" + rel.length + ")"));
    details.appendChild(tableOf(["with", "types", "net weight"], rel));
    details.appendChild(el("h3", "Events up to " + current));
    const box = el("div", "loading…"); details.appendChild(box);
    getJSON("/api/events?actor=" + encodeURIComponent(id) + "&until=" + current + "&limit=1000").then((data) => {
      const recent = data.events.slice(-25).reverse();
      box.replaceChildren(el("p", data.total + " events; latest " + recent.length + ":", "muted"), tableOf(["date", "type", "evidence"],
        recent.map((e) => [e.date, e.type, link("/events/" + encodeURIComponent(e.id), e.evidence.text.slice(0, 140))])));
    });
  }

  function showEdge(edge) {
    const a = edge.source().id(); const b = edge.target().id();
    details.replaceChildren(el("h2", a + " – " + b), el("p", "ties: " + edge.data("types") + "; net weight " + edge.data("weight").toFixed(2), "muted"));
    const box = el("div", "loading…"); details.appendChild(box);
    getJSON("/api/timeline?a=" + a + "&b=" + b + "&until=" + current).then((tl) => {
      box.replaceChildren(el("h3", "Timeline"));
      const max = Math.max(1, ...tl.months.map((m) => Math.max(m.cooperation, m.conflict)));
      const bars = (m) => { const s = el("span"); const c = el("span", undefined, "bar coop"); c.style.width = (60 * m.cooperation / max) + "px";
        const f = el("span", undefined, "bar conf"); f.style.width = (60 * m.conflict / max) + "px"; s.append(c, f); return s; };
      box.appendChild(tableOf(["month", "cooperation / conflict", "net"], tl.months.filter((m) => m.events.length).map((m) => [m.month, bars(m), m.net])));
      if (tl.milestones.length) box.appendChild(tableOf(["day", "milestone"], tl.milestones.map((s) => [s.day, s.label])));
      box.appendChild(el("h3", "Evidence (" + tl.events.length + " events)"));
      const list = el("ul", undefined, "evidence-list");
      tl.events.slice(-30).reverse().forEach((e) => { const li = el("li"); li.append(el("strong", (e.date || "?") + " " + e.type + ": ")); li.append(link("/events/" + encodeURIComponent(e.id), e.evidence.text)); list.appendChild(li); });
      box.appendChild(list);
      document.body.dataset.timeline = a + "-" + b;
    }).catch((err) => { box.textContent = err.message; });
  }

  cy.on("tap", "node", (evt) => showNode(evt.target));
  cy.on("tap", "edge", (evt) => showEdge(evt.target));
  slider.addEventListener("input", () => { dayOut.textContent = dayOf(slider.value); });
  slider.addEventListener("change", () => load(dayOf(slider.value)));
  window.pactwatch = { cy: cy, load: load };
  load(current);
})();
