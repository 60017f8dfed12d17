// Cascading region selects: province → city → county → township → village.
// Enhances <input data-region-picker data-root="<code>">: the input keeps
// the chosen 12-digit code (and stays usable without JavaScript); the selects offer only the
// regions of the user's jurisdiction, loaded from /api/v1/regions/?parent=<code> (or from the
// list named by data-source: the public complaint form's, which needs no login).
(() => {
  const PREFIX = [0, 2, 4, 6, 9, 12];
  const levelOf = (code) => {
    for (let level = 5; level > 1; level--) {
      if (code.slice(PREFIX[level - 1], PREFIX[level]).replace(/0/g, "") !== "") return level;
    }
    return 1;
  };
  const ancestorAt = (code, level) => code.slice(0, PREFIX[level]).padEnd(12, "0");

  async function children(code, source) {
    const response = await fetch(`${source}?parent=${code}&page_size=1000`, {
      headers: { Accept: "application/json" }, credentials: "same-origin",
    });
    if (!response.ok) return [];
    return (await response.json()).results;
  }

  function enhance(input) {
    const root = input.dataset.root;
    if (!root) return;
    const rootLevel = levelOf(root);
    const source = input.dataset.source || "/api/v1/regions/";
    const box = document.createElement("div");
    box.className = "region-picker";
    input.insertAdjacentElement("beforebegin", box);
    input.type = "hidden";

    async function fill(level, parentCode, selected) {
      // Remove the selects below `level`, then add the one for `level` if it has choices.
      box.querySelectorAll("select").forEach((select) => {
        if (Number(select.dataset.level) >= level) select.remove();
      });
      if (level > 5 || !parentCode) return;
      const options = await children(parentCode, source);
      if (!options.length) return;
      const select = document.createElement("select");
      select.dataset.level = level;
      select.setAttribute("aria-label", input.dataset.label || "");
      select.append(new Option(input.dataset.placeholder || "—", ""));
      options.forEach((region) => select.append(new Option(region.name, region.code, false, region.code === selected)));
      select.addEventListener("change", () => {
        input.value = select.value || parentCode;
        fill(level + 1, select.value, "");
      });
      box.append(select);
    }

    (async () => {
      const inside = input.value && input.value.startsWith(root.slice(0, PREFIX[rootLevel]));
      const current = inside ? input.value : root;
      const currentLevel = levelOf(current);
      input.value = current;
      // One select per level below the root, each showing the current path's region.
      for (let level = rootLevel + 1; level <= 5; level++) {
        const selected = level <= currentLevel ? ancestorAt(current, level) : "";
        await fill(level, ancestorAt(current, level - 1), selected);
        if (!selected) break;
      }
    })();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-region-picker]").forEach(enhance);
  });
})();
