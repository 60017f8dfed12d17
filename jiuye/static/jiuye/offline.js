// Work without signal (issue 15): the service worker, the week's round kept on the phone
// (IndexedDB, masked as in lists, only the coordinator's), visits queued offline and sent
// when the connection returns, and the logout that wipes it all. Loaded on every page.
(() => {
  "use strict";
  const DB = "jiuye-offline";
  let connection = null;

  function done(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function open() {
    if (connection) return Promise.resolve(connection);
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("round");
      request.result.createObjectStore("queue", { keyPath: "key" });
    };
    return done(request).then((db) => (connection = db));
  }

  async function store(name, mode) {
    const db = await open();
    return db.transaction(name, mode || "readonly").objectStore(name);
  }

  // Logging out wipes the phone's store and cache (the round, the queue, the cached page).
  async function wipe() {
    if (connection) {
      connection.close();
      connection = null;
    }
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    if (window.caches) {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("jiuye-")).map((n) => caches.delete(n)));
    }
  }
  window.jiuyeOffline = { wipe, store };

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("form[data-logout]") || form.dataset.wiped) return;
    event.preventDefault();
    wipe().finally(() => {
      form.dataset.wiped = "1";
      form.submit();
    });
  });

  document.addEventListener("DOMContentLoaded", () => {
    const round = document.getElementById("offline-round");
    if (round) roundPage(round);
  });

  function roundPage(root) {
    const user = Number(root.dataset.user);
    const text = root.dataset;
    const status = root.querySelector("[data-waiting]");
    const notes = root.querySelector("[data-notes]");
    const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
    let bundle = null;

    async function keep() {
      const response = await fetch(text.bundle, { credentials: "same-origin" });
      if (!response.ok || response.redirected) return;
      bundle = await response.json();
      await done((await store("round", "readwrite")).put(bundle, "bundle"));
    }

    async function load() {
      const kept = await done((await store("round")).get("bundle"));
      if (kept && kept.user === user) bundle = kept;
    }

    async function mine() {
      const all = await done((await store("queue")).getAll());
      return all.filter((item) => item.user === user);
    }

    async function show() {
      const items = await mine();
      const waiting = items.filter((item) => item.state === "waiting");
      status.textContent = text.waiting.replace("N", waiting.length);
      notes.replaceChildren();
      for (const item of items.filter((i) => i.state !== "waiting")) {
        const line = document.createElement("li");
        line.className = item.state;
        line.textContent = `${item.name}：${item.message}`;
        const drop = document.createElement("button");
        drop.type = "button";
        drop.className = "link";
        drop.textContent = text.drop;
        drop.addEventListener("click", async () => {
          await done((await store("queue", "readwrite")).delete(item.key));
          show();
        });
        line.append(" ", drop);
        notes.append(line);
      }
    }

    function seenOf(person, card) {
      const stop = bundle && bundle.groups.flatMap((g) => g.stops).find((s) => s.id === person);
      return stop ? stop.seen : card.dataset.seen;
    }

    async function send() {
      if (!navigator.onLine) return;
      for (const item of await mine()) {
        if (item.state !== "waiting") continue;
        const body = new FormData();
        for (const field of ["on", "kind", "result", "notes", "next_step", "seen", "key"]) {
          body.append(field, item[field] || "");
        }
        if (item.photo) body.append("photo", item.photo, item.photo.name || "photo.jpg");
        let response;
        try {
          response = await fetch(text.send.replace("0", item.person), {
            method: "POST", body, credentials: "same-origin", redirect: "manual",
            headers: { "X-CSRFToken": csrf },
          });
        } catch (error) {
          break; // still no signal: try again when it returns
        }
        let answer = {};
        if ([201, 400, 409].includes(response.status)) answer = await response.json();
        let changed;
        if (response.status === 201) {
          changed = { ...item, photo: null, state: "sent", message: text.sent + (answer.served || "") };
        } else if (response.status === 409) {
          changed = { ...item, state: "conflict", message: answer.conflict };
        } else if (response.status === 400) {
          const words = Object.values(answer.errors).flat().map((e) => e.message || e);
          changed = { ...item, state: "error", message: words.join("；") };
        } else {
          changed = { ...item, state: "refused", message: text.refused };
        }
        // a transaction of its own once the answer is read (an idle one has closed)
        await done((await store("queue", "readwrite")).put(changed));
      }
      show();
    }

    root.querySelectorAll("[data-record]").forEach((button) => {
      button.addEventListener("click", () => {
        const card = button.closest("[data-person]");
        if (card.querySelector("form")) return;
        const form = document.getElementById("visit-form").content.firstElementChild.cloneNode(true);
        form.querySelector("[name=on]").value = text.today;
        card.append(form);
        form.addEventListener("submit", async (event) => {
          event.preventDefault();
          const data = new FormData(form);
          const photo = data.get("photo");
          const person = Number(card.dataset.person);
          const item = {
            key: window.crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`, user, person, name: card.dataset.name, state: "waiting",
            seen: seenOf(person, card), on: data.get("on"), kind: data.get("kind"),
            result: data.get("result"), notes: data.get("notes"), next_step: data.get("next_step"),
            photo: photo && photo.size ? photo : null,
          };
          await done((await store("queue", "readwrite")).put(item));
          form.remove();
          await show();
          send();
        });
      });
    });

    window.addEventListener("online", send);
    load()
      .then(() => (navigator.onLine ? keep() : null))
      .catch(() => {})
      .finally(() => show().then(send));
  }
})();
