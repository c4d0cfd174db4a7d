// The index page's upload form: reads the CSV header to offer its columns, sends the file as
// text/csv to POST /models (with the tab's API key, if keys.js kept one), then opens the new model's
// report or shows the problem document.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  const file = document.getElementById("csv-file");
  const label = document.getElementById("label-column");
  const weight = document.getElementById("weight-column");
  const name = document.getElementById("model-name");
  const button = document.getElementById("train-button");
  const status = document.getElementById("upload-status");
  const formula = document.getElementById("formula");
  const factors = document.getElementById("factor-columns");
  const naAction = document.getElementById("na-action");

  // The key keys.js kept for this tab when the service requires keys; null when it does not.
  function apiKey() {
    try {
      return sessionStorage.getItem("logreg-api-key");
    } catch (unavailable) {
      return null;
    }
  }

  function option(value, text) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    return element;
  }

  function show(className, title, lines) {
    status.replaceChildren();
    const box = document.createElement("div");
    box.className = className;
    const heading = document.createElement("strong");
    heading.textContent = title;
    box.appendChild(heading);
    if (lines.length > 0) {
      const list = document.createElement("ul");
      for (const line of lines) {
        const item = document.createElement("li");
        item.textContent = line;
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    status.appendChild(box);
  }

  function columnsOf(header) {
    return header.replace(/^\uFEFF/, "").split(",").map(function (column) {
      const trimmed = column.trim();
      return trimmed.length >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.slice(1, -1) : trimmed;
    });
  }

  file.addEventListener("change", async function () {
    status.replaceChildren();
    label.replaceChildren();
    weight.replaceChildren(option("", "(none)"));
    const chosen = file.files[0];
    if (!chosen) {
      label.appendChild(option("", "choose a file first"));
      label.disabled = weight.disabled = true;
      return;
    }
    const start = await chosen.slice(0, 65536).text();
    const columns = columnsOf(start.split(/\r?\n/, 1)[0]);
    for (const column of columns) {
      label.appendChild(option(column, column));
      weight.appendChild(option(column, column));
    }
    label.value = columns[columns.length - 1];
    label.disabled = weight.disabled = false;
    formula.placeholder = label.value + " ~ .";
    if (!name.value) {
      name.placeholder = chosen.name.replace(/\.csv$/i, "");
    }
  });

  label.addEventListener("change", function () {
    formula.placeholder = label.value + " ~ .";
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      show("problem", "Choose a CSV file first.", []);
      return;
    }
    const query = new URLSearchParams({ solver: document.getElementById("solver").value });
    // A formula makes the file a table (text columns are factors); without one, the label column and numbers.
    if (formula.value.trim()) {
      query.set("formula", formula.value.trim());
      for (const column of factors.value.split(",")) {
        if (column.trim()) {
          query.append("factor", column.trim());
        }
      }
      query.set("naAction", naAction.value);
    } else {
      query.set("label", label.value);
    }
    if (weight.value) {
      query.set("weight", weight.value);
    }
    query.set("name", name.value || chosen.name.replace(/\.csv$/i, ""));
    button.disabled = true;
    status.replaceChildren();
    const progress = document.createElement("div");
    progress.className = "progress";
    progress.textContent = "Training on " + chosen.name + "…";
    status.appendChild(progress);
    try {
      const headers = { "Content-Type": "text/csv", "Accept": "application/json" };
      const key = apiKey();
      if (key) {
        headers["X-API-Key"] = key;
      }
      const response = await fetch("/models?" + query.toString(), { method: "POST", headers: headers, body: chosen });
      const body = await response.json().catch(function () { return null; });
      if (response.status === 201 && body && body.links) {
        show("done", "Trained. Opening the report…", []);
        window.location.assign(body.links.report);
        return;
      }
      if (body && Array.isArray(body.errors) && body.errors.length > 0) {
        show("problem", body.title || "Invalid request",
          body.errors.map(function (error) { return error.field + ": " + error.message; }));
      } else if (body && body.title) {
        show("problem", body.title, body.detail ? [body.detail] : []);
      } else {
        show("problem", "The service answered " + response.status + ".", []);
      }
    } catch (failure) {
      show("problem", "The request failed: " + failure.message, []);
    } finally {
      button.disabled = false;
    }
  });
})();
