// API keys in the browser. With keys on, a page the browser navigates to is answered 401 with the
// key-needed page, as a navigation carries no header; this script then asks for a key (or takes the
// one this tab kept in session storage), fetches the same page with it as the X-API-Key header and
// shows that page in place. On every page it offers to forget a kept key. With keys off it does
// nothing: no page asks for a key.
(function () {
  "use strict";
  const STORAGE = "logreg-api-key";

  function storedKey() {
    try {
      return sessionStorage.getItem(STORAGE);
    } catch (unavailable) {
      return null;
    }
  }

  function offerToForget() {
    const forget = document.getElementById("forget-key");
    if (forget && storedKey()) {
      forget.hidden = false;
      forget.addEventListener("click", function () {
        sessionStorage.removeItem(STORAGE);
        window.location.reload();
      });
    }
  }

  offerToForget();

  const form = document.getElementById("key-form");
  if (!form) {
    return;
  }
  const input = document.getElementById("api-key");
  const status = document.getElementById("key-status");

  function problem(text) {
    status.replaceChildren();
    const box = document.createElement("div");
    box.className = "problem";
    box.textContent = text;
    status.appendChild(box);
  }

  // Shows the fetched page in place of this one: its head and body, and the body's scripts run anew
  // (scripts parsed from a string do not run by themselves; this script, in the head, goes on here).
  function show(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    document.title = page.title;
    // Copied out first: moving nodes from a live list while walking it would skip every other one.
    document.head.replaceChildren(...Array.from(page.head.childNodes));
    const scripts = Array.from(page.body.querySelectorAll("script"));
    scripts.forEach(function (script) { script.remove(); });
    document.body.replaceChildren(...Array.from(page.body.childNodes));
    for (const script of scripts) {
      const running = document.createElement("script");
      running.src = script.src;
      document.body.appendChild(running);
    }
    offerToForget();
  }

  async function open(key) {
    let response;
    try {
      response = await fetch(window.location.href, { headers: { "X-API-Key": key, "Accept": "text/html" } });
    } catch (failure) {
      problem("The request failed: " + failure.message);
      return;
    }
    if (response.status === 401) {
      sessionStorage.removeItem(STORAGE);
      problem("The service does not know this key.");
      return;
    }
    if (response.status === 403) {
      problem("This key may not see this page: an admin key is needed.");
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (!type.startsWith("text/html")) {
      problem("The service answered " + response.status + ".");
      return;
    }
    sessionStorage.setItem(STORAGE, key);
    show(await response.text());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      problem("Enter a key first.");
      return;
    }
    open(key);
  });

  const kept = storedKey();
  if (kept) {
    open(kept);
  }
})();
