// Cross-origin isolation where the server cannot send headers (GitHub Pages and other
// static hosts), opt-in: copy this file to the root of the site and load it first on the
// page, as a classic script:
//
//   <script src="./coi-serviceworker.js"></script>
//
// On the page, it registers itself as a service worker and reloads the page once when the
// worker takes control; the worker then adds Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp to every response it passes through, so the
// reloaded page is cross-origin isolated and init() picks the threads build. Where a
// service worker cannot run (no secure context, a browser setting, a private window),
// nothing happens and init() loads the SIMD build. Resources from other origins must then
// allow themselves to be embedded (CORS or Cross-Origin-Resource-Policy), as with headers.
// This is a classic script, not a module: service workers and the page load it as one.
if (typeof window === 'undefined') {
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('fetch', (event) => {
    const { request } = event;
    // Chromium rejects fetch() of such a request made for devtools; leave it to the network.
    if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
    event.respondWith(fetch(request).then((response) => {
      // Opaque responses (other origins, no CORS) cannot be rewritten; pass them on.
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }));
  });
} else if (!window.crossOriginIsolated && window.isSecureContext && 'serviceWorker' in navigator) {
  // One reload per page session: if the reloaded page is still not isolated (the browser
  // ignored the worker), stop there instead of reloading forever.
  const KEY = 'embedwasm-coi-reloaded';
  if (!window.sessionStorage.getItem(KEY)) {
    const script = document.currentScript.src;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      window.sessionStorage.setItem(KEY, '1');
      window.location.reload();
    });
    navigator.serviceWorker.register(script).then((registration) => {
      // Registered earlier but this load bypassed it (a hard reload): reload through it.
      if (registration.active && navigator.serviceWorker.controller === null) {
        window.sessionStorage.setItem(KEY, '1');
        window.location.reload();
      }
    }, () => {});
  }
}
