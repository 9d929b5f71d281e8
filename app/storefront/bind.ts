/**
 * Fills markup the Liquid blocks render, so no markup or translated text ships in the script:
 * - `data-tpl="text [key] text"`: the element's text becomes the template with values filled in
 *   (`[key$]`: an amount in minor units of `values.currency`, formatted as money), or the attribute
 *   named by `data-attr` (an image's `src`). The element is hidden when a key's value is null or
 *   undefined (an empty string counts as present).
 * - `data-each="key"`: the element's `<template>` is cloned once per entry of the array `values[key]`,
 *   each clone filled with its entry (a string entry is `[item]`); an entry's `variant` lands on the
 *   clone's first element as `data-k`.
 */
import { money } from "./util";

export type Values = { [key: string]: unknown };

export function bind(scope: ParentNode, values: Values) {
  scope.querySelectorAll<HTMLElement>("[data-tpl]").forEach((el) => {
    let missing = false;
    const text = el.dataset.tpl!.replace(/\[(\w+)(\$?)\]/g, (_, k: string, m: string) => {
      const v = values[k];
      return v == null ? ((missing = true), "") : m ? money(v as number, values.currency as string) : "" + v;
    });
    el.hidden = missing;
    if (!el.dataset.attr) el.textContent = text;
    else if (!missing) el.setAttribute(el.dataset.attr, text);
  });
  scope.querySelectorAll<HTMLElement>("[data-each]").forEach((el) => {
    const tpl = el.querySelector("template")!;
    const list = (values[el.dataset.each!] as Values[]) || [];
    el.hidden = !list[0];
    el.replaceChildren(
      tpl,
      ...list.map((v) => {
        const copy = tpl.content.cloneNode(true) as DocumentFragment;
        bind(copy, typeof v == "object" ? v : { item: v });
        if (v.variant) (copy.firstElementChild as HTMLElement).dataset.k = v.variant as string;
        return copy;
      }),
    );
  });
}
