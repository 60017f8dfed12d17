// Small behaviours that need no framework. Loaded with `defer` on every page.
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that ask before a destructive action: <button data-confirm="…">.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
  // Print buttons: <button data-print>.
  document.querySelectorAll("[data-print]").forEach((element) => {
    element.addEventListener("click", () => window.print());
  });
});
