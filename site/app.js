/* timeline: the interactive layer over the server-rendered chronology.
 *
 * The list below the chart is complete without this script. The script adds the Plotly chart,
 * the detail panel, filters, search and the zone switch. Article text is untrusted: it reaches
 * the page only through textContent, cloned nodes, or escaped hover labels, never as markup.
 */
(function () {
  "use strict";

  var STYLES = {
    reported: { symbol: "circle", color: "#0b5fa5", open: false },
    inferred: { symbol: "diamond", color: "#a0522d", open: false },
    future: { symbol: "circle-open", color: "#1b7f4c", open: true },
    hypothetical: { symbol: "square-open", color: "#8e3b8e", open: true }
  };
  var HOUR = 3600 * 1000;
  var LANE_LABEL_MAX = 24;
  var HOVER_LINE_MAX = 60;
  var LANE_MIN_PIXELS = 56;
  var LANE_MAX_PIXELS = 420;
  var SEARCH_PAUSE_MS = 200;
  var MARKER_PITCH = 14; // vertical pixels per marker in a crowded day
  // Many lanes share this height rather than each growing with its crowd: a chart taller
  // than a few screens is scrolled past, not read (crowded days then overlap a little).
  var LANES_MAX_PIXELS = 1400;
  var LANE_FLOOR_PIXELS = 28; // a lane never gets thinner than its label

  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var chart = document.getElementById("chart");
  var dialog = document.getElementById("detail");
  var detailBody = document.getElementById("detail-body");
  var matchCount = document.getElementById("match-count");
  var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  var state = { lanes: "sources", zone: "document", source: "", actor: "", query: "" };
  var opener = null;

  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-item]"));
  var itemByEvent = {};
  var searchText = new Map();
  items.forEach(function (item) {
    if (item.dataset.eventId !== undefined) itemByEvent[item.dataset.eventId] = item;
    searchText.set(item, item.textContent.toLowerCase());
  });
  var timeElements = Array.prototype.slice.call(document.querySelectorAll("time[data-instant]"));
  var documentTimes = new Map();
  timeElements.forEach(function (el) { documentTimes.set(el, el.textContent); });

  // --- times -----------------------------------------------------------------------------

  function zoneName() {
    return state.zone === "utc" ? "UTC" : state.zone === "reader" ? readerZone : null;
  }

  function parts(iso, options) {
    var found = {};
    new Intl.DateTimeFormat("en-GB", options).formatToParts(new Date(iso)).forEach(function (p) {
      found[p.type] = p.value;
    });
    return found;
  }

  function describeInstant(iso, granularity, zone) {
    var p = parts(iso, {
      weekday: "short", day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", second: granularity === "second" ? "2-digit" : undefined,
      hourCycle: "h23", timeZone: zone, timeZoneName: "short"
    });
    var clock = p.hour + ":" + p.minute + (granularity === "second" ? ":" + p.second : "");
    return p.weekday + " " + p.day + " " + p.month + " " + p.year + ", " + clock + " " + p.timeZoneName;
  }

  function wallClock(iso, zone) {
    var p = parts(iso, {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
      second: "2-digit", hourCycle: "h23", timeZone: zone
    });
    return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute + ":" + p.second;
  }

  function eventDisplay(event) {
    var zone = zoneName();
    return zone && event.instant ? describeInstant(event.instant, event.granularity, zone) : event.display;
  }

  function eventX(event) {
    var zone = zoneName();
    return zone && event.instant ? wallClock(event.instant, zone) : event.x;
  }

  function showTimes() {
    var zone = zoneName();
    timeElements.forEach(function (el) {
      el.textContent = zone ? describeInstant(el.dataset.instant, el.dataset.granularity, zone)
                            : documentTimes.get(el);
    });
  }

  // --- filters ---------------------------------------------------------------------------

  function matches(item) {
    var sources = item.dataset.sources ? item.dataset.sources.split(" ") : [];
    var actors = item.dataset.actors ? item.dataset.actors.split(" ") : [];
    if (state.source && sources.indexOf(state.source) < 0) return false;
    if (state.actor && actors.indexOf(state.actor) < 0) return false;
    return !state.query || searchText.get(item).indexOf(state.query) >= 0;
  }

  function applyFilters() {
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item);
      item.hidden = !visible;
      if (visible && item.dataset.eventId !== undefined) shown += 1;
    });
    var total = Object.keys(itemByEvent).length;
    matchCount.textContent = shown === total ? "" : "Showing " + shown + " of " + total + " events.";
    draw();
  }

  function visibleEvents() {
    return data.events.filter(function (event) {
      var item = itemByEvent[event.id];
      return item && !item.hidden;
    });
  }

  // --- the chart -------------------------------------------------------------------------

  // Plotly reads a small set of tags in labels; article text is escaped so it shows as text.
  function escapeLabel(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function wrap(text, width) {
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.map(escapeLabel).join("<br>");
  }

  function shorten(label) {
    return label.length > LANE_LABEL_MAX ? label.slice(0, LANE_LABEL_MAX - 1) + "\u2026" : label;
  }

  function hoverText(event) {
    var lines = ["<b>" + wrap(event.headline, HOVER_LINE_MAX) + "</b>", escapeLabel(eventDisplay(event)),
                 wrap("Sources: " + event.outlets.join(", "), HOVER_LINE_MAX)];
    var status = data.statuses.filter(function (s) { return s.key === event.status; })[0];
    if (event.status !== "reported") lines.push("<i>" + escapeLabel(status.label) + "</i>");
    if (event.conflict) lines.push("<i>Sources disagree on the date</i>");
    return lines.join("<br>");
  }

  function markerSize(event) {
    return Math.min(34, 10 + 8 * Math.sqrt(Math.max(0, event.sources.length - 1)));
  }

  // Events on the same day in the same lane are spread vertically so none hides another; a
  // date is a whole day, so spreading them along the time axis would invent times of day.
  function dayGroups(events) {
    var groups = {};
    events.forEach(function (event) {
      var key = event.lanes[state.lanes] + "\u0000" + eventX(event).slice(0, 10);
      (groups[key] = groups[key] || []).push(event);
    });
    return groups;
  }

  function positions(groups, lanes) {
    var y = {};
    Object.keys(groups).forEach(function (key) {
      var group = groups[key].sort(function (a, b) {
        return eventX(a) < eventX(b) ? -1 : eventX(a) > eventX(b) ? 1 : a.id < b.id ? -1 : 1;
      });
      var step = Math.min(0.2, 0.76 / group.length);
      group.forEach(function (event, k) {
        var lane = lanes.length - 1 - lanes.indexOf(event.lanes[state.lanes]);
        y[event.id] = lane + (k - (group.length - 1) / 2) * step;
      });
    });
    return y;
  }

  function spanTrace(events, y) {
    var xs = [], ys = [];
    events.forEach(function (event) {
      if (!event.span) return;
      xs.push(event.span[0], event.span[1], null);
      ys.push(y[event.id], y[event.id], null);
    });
    return {
      type: "scatter", mode: "lines", x: xs, y: ys, hoverinfo: "skip", showlegend: false,
      line: { color: "#7a7a7a", width: 3 }, name: "spans"
    };
  }

  function markerTrace(status, events, y) {
    var style = STYLES[status.key];
    return {
      type: "scatter", mode: "markers", name: status.label,
      x: events.map(eventX), y: events.map(function (e) { return y[e.id]; }),
      customdata: events.map(function (e) { return e.id; }),
      hovertext: events.map(hoverText), hovertemplate: "%{hovertext}<extra></extra>",
      marker: {
        symbol: style.symbol, color: style.color, size: events.map(markerSize),
        line: { color: style.open ? style.color : "#ffffff", width: style.open ? 2.5 : 1 }
      }
    };
  }

  function xRange(events) {
    var times = events.map(function (e) { return Date.parse(eventX(e).replace(" ", "T") + "Z"); });
    events.forEach(function (e) {
      if (e.span) times.push(Date.parse(e.span[0].replace(" ", "T") + "Z"), Date.parse(e.span[1].replace(" ", "T") + "Z"));
    });
    var low = Math.min.apply(null, times), high = Math.max.apply(null, times);
    var pad = Math.max(12 * HOUR, (high - low) * 0.05);
    function iso(ms) { return new Date(ms).toISOString().slice(0, 19).replace("T", " "); }
    return [iso(low - pad), iso(high + pad)];
  }

  function draw() {
    if (typeof Plotly === "undefined") return;
    var events = visibleEvents();
    var lanes = data.lanes[state.lanes].filter(function (lane) {
      return events.some(function (e) { return e.lanes[state.lanes] === lane; });
    });
    var groups = dayGroups(events);
    var crowd = Math.max.apply(null, [1].concat(Object.keys(groups).map(function (k) { return groups[k].length; })));
    var lanePixels = Math.min(LANE_MAX_PIXELS, Math.max(LANE_MIN_PIXELS, MARKER_PITCH * crowd),
                              Math.max(LANE_FLOOR_PIXELS, LANES_MAX_PIXELS / Math.max(lanes.length, 1)));
    var y = positions(groups, lanes);
    var traces = [spanTrace(events, y)];
    data.statuses.forEach(function (status) {
      var group = events.filter(function (e) { return e.status === status.key; });
      if (group.length) traces.push(markerTrace(status, group, y));
    });
    var layout = {
      height: Math.max(320, 170 + lanePixels * lanes.length),
      margin: { l: 10, r: 20, t: 40, b: 10 },
      font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 13, color: "#1f1f1f" },
      hovermode: "closest", dragmode: "pan", showlegend: false,
      hoverlabel: { bgcolor: "#ffffff", bordercolor: "#444444", font: { color: "#1f1f1f" }, align: "left" },
      xaxis: {
        type: "date", automargin: true, showgrid: true, gridcolor: "#e3e3e3",
        range: events.length ? xRange(events) : undefined,
        rangeslider: { visible: true, thickness: 0.1 },
        rangeselector: {
          buttons: [
            { count: 1, label: "1 day", step: "day", stepmode: "backward" },
            { count: 7, label: "1 week", step: "day", stepmode: "backward" },
            { count: 1, label: "1 month", step: "month", stepmode: "backward" },
            { count: 1, label: "1 year", step: "year", stepmode: "backward" },
            { label: "All", step: "all" }
          ]
        }
      },
      yaxis: {
        tickvals: lanes.map(function (_, i) { return lanes.length - 1 - i; }),
        ticktext: lanes.map(function (lane) { return escapeLabel(shorten(lane)); }),
        range: [-0.6, Math.max(lanes.length, 1) - 0.4], fixedrange: true, automargin: true,
        zeroline: false, showgrid: true, gridcolor: "#eeeeee"
      }
    };
    var config = { responsive: true, displaylogo: false, scrollZoom: false,
                   modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"] };
    Plotly.react(chart, traces, layout, config);
  }

  // --- the detail panel ------------------------------------------------------------------

  function openDetail(eventId, from) {
    var item = itemByEvent[eventId];
    if (!item) return;
    var heading = document.createElement("h2");
    heading.id = "detail-heading";
    heading.textContent = item.querySelector(".headline").textContent;
    var content = item.querySelector(".detail-content").cloneNode(true);
    var sourcesLine = item.querySelector(".meta").cloneNode(true);
    detailBody.replaceChildren(item.querySelector(".when").cloneNode(true), heading, sourcesLine, content);
    opener = from || document.activeElement;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector(".detail-close").focus();
  }

  dialog.querySelector(".detail-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
  dialog.addEventListener("close", function () {
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  });

  document.querySelectorAll("button.open-detail").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { openDetail(button.dataset.eventId, button); });
  });

  // --- controls --------------------------------------------------------------------------

  var form = document.getElementById("controls");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // Redrawing a large chart on every keystroke would make typing lag: wait for a pause.
  var searchTimer = null;
  document.getElementById("search").addEventListener("input", function (e) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      state.query = e.target.value.trim().toLowerCase();
      applyFilters();
    }, SEARCH_PAUSE_MS);
  });
  document.getElementById("filter-source").addEventListener("change", function (e) {
    state.source = e.target.value;
    applyFilters();
  });
  document.getElementById("filter-actor").addEventListener("change", function (e) {
    state.actor = e.target.value;
    applyFilters();
  });
  document.getElementById("lanes").addEventListener("change", function (e) {
    state.lanes = e.target.value;
    draw();
  });
  form.querySelectorAll("input[name=zone]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      state.zone = radio.value;
      showTimes();
      draw();
    });
  });
  document.getElementById("reader-zone").textContent = "your zone (" + readerZone + ")";

  document.getElementById("explore").hidden = false;
  if (typeof Plotly === "undefined") {
    var note = document.createElement("p");
    note.className = "chart-missing";
    note.textContent = "The chart could not be drawn because plotly.js did not load. Every event is in the chronology below.";
    chart.replaceChildren(note);
  } else if (!data.events.length) {
    chart.hidden = true;
  } else {
    draw();
    chart.on("plotly_click", function (e) {
      if (e.points && e.points.length && e.points[0].customdata !== undefined) {
        openDetail(e.points[0].customdata, null);
      }
    });
  }
})();
