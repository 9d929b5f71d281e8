// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { bind } from "./bind";

const html = (markup: string) => {
  const el = document.createElement("div");
  el.innerHTML = markup;
  return el;
};

describe("bind", () => {
  it("fills text templates and formats [key$] as money in the values' currency", () => {
    const el = html(`<p data-tpl="Only [more$] more"></p><b data-tpl="[title]"></b>`);
    bind(el, { more: 12000, title: "Brew <Plus>", currency: "USD" });
    expect(el.innerHTML).toBe(
      `<p data-tpl="Only [more$] more">Only $120.00 more</p><b data-tpl="[title]">Brew &lt;Plus&gt;</b>`,
    );
  });

  it("hides an element whose value is missing; an empty string counts as present", () => {
    const el = html(
      `<s data-tpl="[compareAt$]"></s><small data-tpl="Often bought together[r_bought_together]"></small>`,
    );
    bind(el, { compareAt: null, r_bought_together: "", currency: "USD" });
    expect([...el.children].map((c) => [(c as HTMLElement).hidden, c.textContent])).toEqual([
      [true, ""],
      [false, "Often bought together"],
    ]);
  });

  it("sets the attribute data-attr names, and leaves it unset when the value is missing", () => {
    const el = html(`<img data-tpl="[image]" data-attr="src"><progress data-tpl="[pct]" data-attr="value" max="100">`);
    bind(el, { image: "https://cdn.example/a.svg", pct: 40 });
    expect(el.querySelector("img")!.getAttribute("src")).toBe("https://cdn.example/a.svg");
    expect(el.querySelector("progress")!.getAttribute("value")).toBe("40");
    bind(el, { image: null });
    expect(el.querySelector("img")!.hidden).toBe(true);
  });

  it("clones a list's template per entry, nested lists and strings included, and marks each with its variant", () => {
    const el = html(
      `<ul data-each="offers"><template><li><b data-tpl="[title]"></b><ol data-each="features"><template><i data-tpl="[item]"></i></template></ol></li></template></ul>`,
    );
    const values = {
      offers: [
        { variant: "1", title: "A", features: ["x", "y"] },
        { variant: "2", title: "B", features: [] },
      ],
    };
    bind(el, values);
    bind(el, values); // a redraw replaces the clones
    const items = [...el.querySelectorAll("li")];
    expect(
      items.map((li) => [li.dataset.k, li.querySelector("b")!.textContent, li.querySelectorAll("i").length]),
    ).toEqual([
      ["1", "A", 2],
      ["2", "B", 0],
    ]);
    expect(items[1]!.querySelector("ol")!.hidden).toBe(true);
  });
});
