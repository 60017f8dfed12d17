// The service worker of jiuye (served at /sw.js by jiuye.visits.offline): the visit round
// page and the app's own static files are kept for use without signal, fetched from the
// network first. Nothing else is cached; logging out deletes the cache (offline.js).
const CACHE = "jiuye-round-v1";
const STATIC = "{{ static|escapejs }}";
const ROUND = "/visits/";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function networkFirst(request, key) {
  return fetch(request)
    .then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    })
    .catch(() => caches.match(key, { ignoreSearch: true }).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (url.pathname === ROUND && request.mode === "navigate") {
    event.respondWith(networkFirst(request, ROUND));
  }
});
