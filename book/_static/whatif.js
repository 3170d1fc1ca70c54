// The what-if view ({whatif}, rsii.book.sphinxext.whatif): the reader picks the modelling
// choices and sees that model's signed network, its balance and its clusters. Every
// number comes from the JSON the build wrote into the page (rsii.present.whatif.payload);
// nothing is computed here but the drawing, the words and who is in which part of the
// network. No library, no request.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const SIGNS = { "1": ["#0072B2", "blue", "positive"], "-1": ["#D55E00", "vermillion", "negative"] };
  // Okabe–Ito, less the blue and vermillion of the ties; grey for an actor alone.
  const PALETTE = [
    ["#E69F00", "orange"], ["#56B4E9", "sky blue"], ["#009E73", "bluish green"],
    ["#F0E442", "yellow"], ["#CC79A7", "reddish purple"], ["#FFFFFF", "white"],
    ["#000000", "black"],
  ];
  const ALONE = ["#BBBBBB", "grey"];
  const RELATIONS = {
    self: ["#000000", "black", (x) => x],
    with: ["#E69F00", "orange", (x) => `always in ${x}'s camp`],
    against: ["#56B4E9", "sky blue", () => "always in the other camp"],
    varies: ["#BBBBBB", "grey", () => "in either camp, by split"],
    apart: ["#FFFFFF", "white", (x) => `no signed path to ${x}`],
  };
  const SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

  function number(n) { return n >= 0 && n < SMALL.length ? SMALL[n] : String(n); }
  function count(n, noun, plural) {
    return `${number(n)} ${n === 1 ? noun : plural || noun + "s"}`;
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function join(items) {
    return items.length <= 2 ? items.join(" and ")
      : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  }
  // The Arabic edition's page carries the script's words (rsii.present.whatif.
  // script_words): templates with {named} placeholders and, for a count, its six plural
  // forms (zero, one, two, few, many, other). The English page has none.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }
  function pluralIndex(n) {
    const m = n % 100;
    if (n === 0) return 0;
    if (n === 1) return 1;
    if (n === 2) return 2;
    if (m >= 3 && m <= 10) return 3;
    return m >= 11 ? 4 : 5;
  }
  function forms(list, n) { return fill(list[pluralIndex(n)], { n: n }); }
  function joinAr(items) {
    return items.length <= 1 ? items.join("")
      : `${items.slice(0, -1).join("، ")} و${items[items.length - 1]}`;
  }
  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(name, text, attrs) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  // The parts of the network (actors joined by any tie), by actor number.
  function parts(model) {
    const up = model.cluster.map((_, i) => i);
    const find = (i) => (up[i] === i ? i : (up[i] = find(up[i])));
    for (const [a, b] of model.edges) up[find(a)] = find(b);
    return up.map((_, i) => find(i));
  }

  // Where ``other`` stands relative to ``actor`` in every optimal two-camp split.
  function relation(model, part, actor, other) {
    if (other === actor) return "self";
    if (part[other] !== part[actor]) return "apart";
    const g = model.camp[actor], h = model.camp[other];
    if (g === h) return "with";
    const lo = Math.min(g, h), hi = Math.max(g, h);
    return model.apart.some(([x, y]) => x === lo && y === hi) ? "against" : "varies";
  }

  function View(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector("script.rsii-whatif-data").textContent);
    const words = root.querySelector("script.rsii-whatif-words");
    this.ar = words ? JSON.parse(words.textContent) : null;
    this.byChoice = new Map(this.data.models.map((m) => [m.choice.join(","), m]));
    this.form = root.querySelector("form");
    this.caseSelect = root.querySelector("select[data-control]");
    this.colour = root.querySelector("select[data-colour]");
    this.summary = root.querySelector(".rsii-whatif-summary");
    this.svg = root.querySelector("svg");
    this.legend = root.querySelector(".rsii-whatif-legend");
    this.groups = root.querySelector(".rsii-whatif-groups");
    this.form.addEventListener("change", (event) => this.changed(event.target));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    root.querySelector(".rsii-whatif-noscript").hidden = true;
    root.querySelector(".rsii-whatif-view").hidden = false;
    this.render();
  }

  View.prototype.colourName = function (name) {
    return this.ar ? this.ar.colours[name] || name : name;
  };

  View.prototype.radios = function (control) {
    return Array.from(this.form.querySelectorAll(`input[data-control="${control}"]`));
  };

  View.prototype.choice = function () {
    const out = this.data.controls.map((_, i) => {
      const on = this.radios(i).find((r) => r.checked);
      return on ? Number(on.value) : -1;
    });
    out.push(this.caseSelect ? Number(this.caseSelect.value) : -1);
    return out;
  };

  // A hard case is read on the main model: choosing one sets the choices to the main
  // model's; changing a choice returns to the coding as it stands.
  View.prototype.changed = function (target) {
    if (target === this.caseSelect) {
      if (Number(target.value) >= 0) {
        this.data.main.forEach((option, i) => {
          for (const r of this.radios(i)) r.checked = Number(r.value) === option;
        });
      }
    } else if (target.type === "radio" && this.caseSelect) {
      this.caseSelect.value = "-1";
    }
    this.render();
  };

  View.prototype.render = function () {
    const model = this.byChoice.get(this.choice().join(","));
    const actor = this.colour.value === "cluster" ? null : Number(this.colour.value);
    this.root.dataset.model = model ? this.data.models.indexOf(model) : "";
    for (const node of Array.from(this.svg.querySelectorAll("g"))) node.remove();
    this.legend.replaceChildren();
    this.groups.replaceChildren();
    if (!model) {
      this.summary.replaceChildren(html("p", this.ar ? this.ar.none_computed
        : "No model was computed for this combination of choices."));
      return;
    }
    const part = parts(model);
    const present = model.cluster.map((c) => c >= 0);
    const colours = actor === null || !present[actor]
      ? this.byCluster(model)
      : this.byCamp(model, part, actor);
    this.draw(model, colours, actor !== null && present[actor]);
    this.describe(model, actor, colours);
  };

  // Per actor: [fill, key of its group]; groups: key -> [fill, colour name, words, members].
  View.prototype.byCluster = function (model) {
    const sizes = {};
    model.cluster.forEach((c) => { if (c >= 0) sizes[c] = (sizes[c] || 0) + 1; });
    const groups = new Map();
    let shared = 0;
    const fills = model.cluster.map((c, i) => {
      if (c < 0) return null;
      const key = sizes[c] > 1 ? `cluster ${c}` : "alone";
      if (!groups.has(key)) {
        const [colour, name] = sizes[c] > 1 ? PALETTE[shared++ % PALETTE.length] : ALONE;
        const words = this.ar
          ? (sizes[c] > 1 ? fill(this.ar.cluster, { n: shared }) : this.ar.alone)
          : (sizes[c] > 1 ? `cluster ${shared}` : "alone in its cluster");
        groups.set(key, [colour, this.colourName(name), words, []]);
      }
      groups.get(key)[3].push(i);
      return [groups.get(key)[0], key];
    });
    return { mode: "cluster", fills, groups };
  };

  View.prototype.byCamp = function (model, part, actor) {
    const name = this.data.actors[actor].name;
    const groups = new Map();
    for (const [key, [colour, colourName, words]] of Object.entries(RELATIONS)) {
      const said = this.ar && key !== "self" ? fill(this.ar[key], { name: name }) : words(name);
      groups.set(key, [colour, this.colourName(colourName), said, []]);
    }
    const fills = model.cluster.map((c, i) => {
      if (c < 0) return null;
      const key = relation(model, part, actor, i);
      groups.get(key)[3].push(i);
      return [groups.get(key)[0], key];
    });
    for (const [key, group] of Array.from(groups)) if (!group[3].length) groups.delete(key);
    return { mode: "camp", fills, groups };
  };

  View.prototype.tieWords = function (a, b, sign) {
    const names = this.data.actors;
    if (this.ar) {
      return fill(this.ar.tie, { a: names[a].name, b: names[b].name, sign: this.ar[SIGNS[String(sign)][2]] });
    }
    return `${names[a].name} – ${names[b].name}, ${SIGNS[String(sign)][2]}`;
  };

  View.prototype.draw = function (model, colours, camps) {
    const actors = this.data.actors;
    const ties = el("g", { class: "rsii-whatif-ties" });
    for (const [a, b, sign, frustrated, misfit] of model.edges) {
      const every = camps ? frustrated === model.splits && frustrated > 0 : misfit === 1;
      const some = camps && frustrated > 0 && !every;
      const line = el("line", {
        x1: actors[a].x, y1: actors[a].y, x2: actors[b].x, y2: actors[b].y,
        stroke: SIGNS[String(sign)][0], "stroke-width": every || some ? 11 : 3.5,
        "data-a": a, "data-b": b, "data-sign": sign,
        class: every ? "marked" : some ? "marked some" : "",
      });
      if (some) line.setAttribute("stroke-dasharray", "22 12");
      const what = camps
        ? (every ? "frustrated in every optimal split" : some ? "frustrated in some optimal splits" : "")
        : (misfit ? "a misfit of the best clustering" : "");
      const tie = this.tieWords(a, b, sign);
      if (this.ar) {
        const key = camps ? (every ? "every" : some ? "some" : "") : (misfit ? "misfit" : "");
        line.append(el("title", {}, key ? fill(this.ar.tie_what, { tie: tie, what: this.ar[key] }) : tie));
      } else {
        line.append(el("title", {}, tie + (what ? `; ${what}` : "")));
      }
      ties.append(line);
    }
    const nodes = el("g", { class: "rsii-whatif-actors" });
    colours.fills.forEach((paint, i) => {
      if (!paint) return;
      const group = colours.groups.get(paint[1]);
      const g = el("g", { "data-actor": i, "data-group": paint[1] });
      g.append(el("title", {}, this.ar ? fill(this.ar.actor, { name: actors[i].full, group: group[2] })
        : `${actors[i].full}: ${group[2]}`));
      const r = Number(this.svg.dataset.radius), size = Number(this.svg.dataset.font);
      g.append(el("circle", { cx: actors[i].x, cy: actors[i].y, r: r, fill: paint[0] }));
      g.append(el("text", {
        x: actors[i].x, y: actors[i].y + r + size, "text-anchor": "middle", "font-size": size,
      }, actors[i].name));
      nodes.append(g);
    });
    this.svg.append(ties, nodes);
    this.drawLegend(colours, camps);
  };

  function swatch(kind, colour, extra) {
    const svg = el("svg", { viewBox: "0 0 40 20", width: 40, height: 20, "aria-hidden": "true", focusable: "false" });
    if (kind === "line") {
      svg.append(el("line", Object.assign({ x1: 2, y1: 10, x2: 38, y2: 10, stroke: colour, "stroke-width": 3 }, extra || {})));
    } else {
      svg.append(el("circle", { cx: 20, cy: 10, r: 7, fill: colour, class: "swatch-actor" }));
    }
    return svg;
  }

  View.prototype.drawLegend = function (colours, camps) {
    if (this.ar) return this.drawLegendAr(colours, camps);
    const items = [
      [swatch("line", SIGNS["1"][0]), "blue line: a positive tie"],
      [swatch("line", SIGNS["-1"][0]), "vermillion line: a negative tie"],
    ];
    if (camps) {
      items.push([swatch("line", "currentColor", { "stroke-width": 7 }),
        "thick line: a tie frustrated in every optimal two-camp split (positive across the camps, or negative inside one)"]);
      items.push([swatch("line", "currentColor", { "stroke-width": 7, "stroke-dasharray": "8 4" }),
        "thick dashed line: a tie frustrated in some of the optimal splits"]);
    } else {
      items.push([swatch("line", "currentColor", { "stroke-width": 7 }),
        "thick line: a misfit of the best clustering (a positive tie between clusters, or a negative tie inside one)"]);
    }
    for (const [, [paint, name, words]] of colours.groups) {
      items.push([swatch("circle", paint), `${name} circle: ${words}`]);
    }
    for (const [icon, text] of items) {
      const li = html("li");
      li.append(icon, document.createTextNode(" " + text));
      this.legend.append(li);
    }
    const list = html("ul");
    for (const [, [, name, words, members]] of colours.groups) {
      const names = members.map((i) => this.data.actors[i].name).sort((x, y) => x.localeCompare(y));
      list.append(html("li", `${capital(words)} (${name}): ${join(names)}.`));
    }
    this.groups.append(list);
  };

  View.prototype.drawLegendAr = function (colours, camps) {
    const ar = this.ar;
    const items = [
      [swatch("line", SIGNS["1"][0]), ar.positive_line],
      [swatch("line", SIGNS["-1"][0]), ar.negative_line],
    ];
    if (camps) {
      items.push([swatch("line", "currentColor", { "stroke-width": 7 }), ar.every_line]);
      items.push([swatch("line", "currentColor", { "stroke-width": 7, "stroke-dasharray": "8 4" }),
        ar.some_line]);
    } else {
      items.push([swatch("line", "currentColor", { "stroke-width": 7 }), ar.misfit_line]);
    }
    for (const [, [fill0, name, words]] of colours.groups) {
      items.push([swatch("circle", fill0), fill(ar.circle, { colour: name, group: words })]);
    }
    for (const [icon, text] of items) {
      const li = html("li");
      li.append(icon, document.createTextNode(" " + text));
      this.legend.append(li);
    }
    const list = html("ul");
    for (const [, [, name, words, members]] of colours.groups) {
      const names = members.map((i) => this.data.actors[i].name).sort((x, y) => x.localeCompare(y, "ar"));
      list.append(html("li", fill(ar.group, { group: words, colour: name, names: joinAr(names) })));
    }
    this.groups.append(list);
  };

  View.prototype.describeAr = function (model, actor, colours) {
    const ar = this.ar;
    const lines = [fill(model.main ? ar.main_model : ar.model, { words: model.words })];
    lines.push(fill(ar.counts, {
      actors: forms(ar.actors, model.actors), ties: forms(ar.ties, model.ties),
      negative: forms(ar.negatives, model.negative), frustration: model.frustration,
      splits: forms(ar.splits, model.splits),
      triangles: model.balanced === null ? ar.no_triangles
        : fill(ar.balanced, { percent: Math.round(100 * model.balanced) }),
    }));
    const misfits = model.edges.filter((e) => e[4] === 1).map((e) => fill(
      e[2] > 0 ? ar.between : ar.inside, { tie: this.tieWords(e[0], e[1], e[2]) }));
    const counts = { clusters: forms(ar.clusters, model.clusters), misfits: forms(ar.misfits, model.misfits) };
    lines.push(misfits.length ? fill(ar.clustering_misfits, Object.assign(counts, { list: misfits.join("؛ ") }))
      : fill(ar.clustering, counts));
    if (actor !== null) {
      const name = this.data.actors[actor].name;
      if (colours.mode !== "camp") {
        lines.push(fill(ar.no_signed_tie, { name: name }));
      } else {
        const n = (key) => (colours.groups.get(key) || [0, 0, 0, []])[3].length;
        lines.push(fill(ar.relative, {
          name: name, with: forms(ar.in_camp, n("with")), against: forms(ar.others, n("against")),
          varies: forms(ar.others, n("varies")), apart: forms(ar.others, n("apart")),
        }));
      }
    }
    this.summary.replaceChildren(...lines.map((line) => html("p", line)));
  };

  View.prototype.describe = function (model, actor, colours) {
    if (this.ar) return this.describeAr(model, actor, colours);
    const lines = [`Model: ${model.words}${model.main ? " (the book's main model)" : ""}.`];
    lines.push(`${capital(count(model.actors, "actor"))} and ${count(model.ties, "tie")}, `
      + `${number(model.negative)} of them negative; frustration index ${model.frustration}, `
      + `with ${count(model.splits, "optimal two-camp split")}; `
      + (model.balanced === null ? "no triangles" :
        `${Math.round(100 * model.balanced)}% of triangles balanced`) + ".");
    const misfits = model.edges.filter((e) => e[4] === 1).map((e) => this.tieWords(e[0], e[1], e[2])
      + (e[2] > 0 ? " between clusters" : " inside a cluster"));
    lines.push(`Best clustering: ${count(model.clusters, "cluster")}, `
      + `${count(model.misfits, "misfit")}` + (misfits.length ? ` (${misfits.join("; ")})` : "") + ".");
    if (actor !== null) {
      const name = this.data.actors[actor].name;
      if (colours.mode !== "camp") {
        lines.push(`${name} has no signed tie in this model.`);
      } else {
        const n = (key) => (colours.groups.get(key) || [0, 0, 0, []])[3].length;
        const some = (k) => (n(k) ? number(n(k)) : "none");
        lines.push(`Relative to ${name}: ${n("with") ? count(n("with"), "actor") : "none"} `
          + `always in its camp, ${some("against")} always in the other, ${some("varies")} in `
          + `either by split and ${some("apart")} without a signed path to it.`);
      }
    }
    this.summary.replaceChildren(...lines.map((line) => html("p", line)));
  };

  function start() {
    for (const root of document.querySelectorAll(".rsii-whatif")) {
      if (!root.dataset.ready) {
        root.dataset.ready = "1";
        new View(root);
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
