// Small behaviours that need no framework. Loaded with `defer` on every page.

// Lists on a phone (app.css): each row of a table.list is a card and each cell shows its
// column's heading before it, taken from the table's head into the cell's data-label. Run on
// the page and again on whatever htmx swaps in.
function labelListCells(root) {
  root.querySelectorAll("table.list:not(.report)").forEach((table) => {
    const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head || table.tHead.rows.length > 1) return; // grouped heads: no single label per cell
    const labels = [];
    for (const cell of head.cells) {
      for (let i = 0; i < cell.colSpan; i += 1) labels.push(cell.textContent.replace(/[▲▼]/g, "").trim());
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (!cell.hasAttribute("data-label") && labels[column]) cell.dataset.label = labels[column];
          column += cell.colSpan;
        }
      }
    }
  });
}

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
  // Buttons that fold something on a phone (app.css): the menu (base.html, aria-controls)
  // and a list's filters beyond the first (includes/filters.html, its form).
  document.querySelectorAll(".menu-toggle, .filters-toggle").forEach((button) => {
    const folded = button.hasAttribute("aria-controls")
      ? document.getElementById(button.getAttribute("aria-controls"))
      : button.closest("form");
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      folded.classList.toggle("open", open);
    });
  });
  labelListCells(document);
});
document.addEventListener("htmx:load", () => labelListCells(document));
