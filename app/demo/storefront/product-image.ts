/**
 * Product photos for the demo shop, drawn as small SVGs: a studio backdrop tinted with the
 * family's colour and a flat illustration of the product (its family's shape for main items, a
 * role shape for accessories, refills, plans and digital goods). Deterministic per product.
 */
import { FAMILIES } from "../seed/catalog-data";
import type { StoreProduct } from "./shop-data";

const FAMILY_COLOURS: Record<string, string> = Object.fromEntries(FAMILIES.map((f) => [f.family, f.colour]));

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Mixes a hex colour with white (amount 0–1). */
function tint(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix) as [number, number, number];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

type Draw = (c: string, accent: string) => string;

const MAIN: Record<string, Draw> = {
  coffee: (c, a) =>
    `<rect x="250" y="190" width="300" height="400" rx="36" fill="${c}"/><rect x="280" y="230" width="240" height="70" rx="14" fill="${a}"/>` +
    `<rect x="370" y="330" width="60" height="70" rx="10" fill="#1b1b1b"/><rect x="290" y="560" width="220" height="40" rx="10" fill="#1b1b1b"/>` +
    `<path d="M345 450h110v70a40 40 0 0 1-40 40h-30a40 40 0 0 1-40-40z" fill="#fff"/><path d="M455 470h20a22 22 0 0 1 0 44h-20" fill="none" stroke="#fff" stroke-width="12"/>`,
  camera: (c, a) =>
    `<rect x="190" y="280" width="420" height="270" rx="40" fill="${c}"/><rect x="240" y="240" width="110" height="60" rx="14" fill="${c}"/>` +
    `<circle cx="400" cy="415" r="105" fill="#1b1b1b"/><circle cx="400" cy="415" r="72" fill="${a}"/><circle cx="400" cy="415" r="34" fill="#1b1b1b"/>` +
    `<circle cx="540" cy="320" r="16" fill="#fff"/>`,
  headphones: (c, a) =>
    `<path d="M240 460v-60a160 160 0 0 1 320 0v60" fill="none" stroke="${c}" stroke-width="34" stroke-linecap="round"/>` +
    `<rect x="200" y="420" width="100" height="170" rx="44" fill="${c}"/><rect x="500" y="420" width="100" height="170" rx="44" fill="${c}"/>` +
    `<rect x="222" y="450" width="56" height="110" rx="26" fill="${a}"/><rect x="522" y="450" width="56" height="110" rx="26" fill="${a}"/>`,
  notebooks: (c, a) =>
    `<rect x="250" y="180" width="310" height="440" rx="20" fill="${c}"/><rect x="250" y="180" width="46" height="440" rx="12" fill="#1b1b1b" opacity=".25"/>` +
    `<rect x="330" y="260" width="180" height="60" rx="8" fill="${a}"/><rect x="520" y="180" width="18" height="200" fill="${a}"/>`,
  backpacks: (c, a) =>
    `<path d="M330 230a70 70 0 0 1 140 0" fill="none" stroke="${c}" stroke-width="26"/><rect x="240" y="230" width="320" height="390" rx="90" fill="${c}"/>` +
    `<rect x="290" y="430" width="220" height="150" rx="40" fill="${a}"/><rect x="330" y="470" width="140" height="14" rx="7" fill="${c}"/>`,
  blenders: (c, a) =>
    `<path d="M290 190h220l-30 300H320z" fill="${a}" opacity=".9"/><rect x="310" y="160" width="180" height="40" rx="12" fill="#1b1b1b"/>` +
    `<rect x="280" y="490" width="240" height="130" rx="30" fill="${c}"/><circle cx="400" cy="555" r="26" fill="#fff"/>`,
  printers: (c, a) =>
    `<rect x="300" y="180" width="200" height="140" fill="#fff" stroke="#ddd" stroke-width="4"/><rect x="190" y="300" width="420" height="220" rx="34" fill="${c}"/>` +
    `<rect x="270" y="470" width="260" height="130" fill="#fff" stroke="#ddd" stroke-width="4"/><rect x="230" y="340" width="90" height="26" rx="13" fill="${a}"/>`,
  speakers: (c, a) =>
    `<rect x="280" y="190" width="240" height="420" rx="110" fill="${c}"/><circle cx="400" cy="330" r="58" fill="${a}"/><circle cx="400" cy="480" r="80" fill="${a}"/>` +
    `<circle cx="400" cy="480" r="34" fill="${c}"/>`,
};

const ROLE: Record<string, Draw> = {
  accessory: (c, a) =>
    `<rect x="250" y="250" width="300" height="300" rx="70" fill="${c}"/><circle cx="400" cy="400" r="92" fill="${a}"/><circle cx="400" cy="400" r="40" fill="${c}"/>`,
  consumable: (c, a) =>
    `<path d="M280 230h240l20 380H260z" fill="${c}"/><rect x="300" y="330" width="200" height="150" rx="14" fill="#fff"/><rect x="330" y="360" width="140" height="18" rx="9" fill="${a}"/>` +
    `<rect x="330" y="395" width="100" height="14" rx="7" fill="${tint(c, 0.5)}"/><rect x="270" y="200" width="260" height="40" rx="10" fill="#1b1b1b" opacity=".8"/>`,
  warranty: (c, a) =>
    `<path d="M400 190l170 60v130c0 110-80 190-170 230-90-40-170-120-170-230V250z" fill="${c}"/><path d="M330 400l50 50 100-110" fill="none" stroke="${a}" stroke-width="34" stroke-linecap="round" stroke-linejoin="round"/>`,
  digital: (c, a) =>
    `<rect x="200" y="230" width="400" height="280" rx="24" fill="${c}"/><rect x="225" y="255" width="350" height="230" rx="10" fill="${a}"/>` +
    `<rect x="350" y="530" width="100" height="40" fill="${c}"/><rect x="290" y="565" width="220" height="20" rx="10" fill="${c}"/><path d="M400 300v120m-44-44 44 44 44-44" fill="none" stroke="${c}" stroke-width="24" stroke-linecap="round"/>`,
};

function roleOf(product: StoreProduct): string {
  for (const role of ["warranty", "digital", "consumable", "accessory"]) if (product.tags.includes(role)) return role;
  return "main";
}

/** The SVG of a product's photo (800 × 800). */
export function productImageSvg(product: StoreProduct): string {
  const family = product.tags.find((t) => t in FAMILY_COLOURS) ?? "coffee";
  const colour = FAMILY_COLOURS[family]!;
  const role = roleOf(product);
  const tier = product.tags.find((t) => t.startsWith("tier:"))?.slice(5);
  const accent = tier === "best" ? "#d4af37" : tier === "better" ? "#c0c7cf" : tint(colour, 0.55);
  const angle = hashOf(product.handle) % 40;
  const draw = role === "main" ? (MAIN[family] ?? ROLE.accessory!) : ROLE[role]!;
  const label =
    role === "main"
      ? ""
      : `<text x="400" y="720" text-anchor="middle" font-family="system-ui,Arial,sans-serif" font-size="34" fill="${colour}" opacity=".7">${esc(product.title)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="${esc(product.title)}">` +
    `<defs><linearGradient id="g" gradientTransform="rotate(${45 + angle})"><stop offset="0" stop-color="${tint(colour, 0.92)}"/><stop offset="1" stop-color="${tint(colour, 0.78)}"/></linearGradient></defs>` +
    `<rect width="800" height="800" fill="url(#g)"/><ellipse cx="400" cy="640" rx="230" ry="26" fill="#000" opacity=".08"/>` +
    draw(colour, accent) +
    label +
    `</svg>`
  );
}

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#121212"/><path d="M8 11h3l2.2 9.5h8.6L24 13H12.4" fill="none" stroke="#fff" stroke-width="2"/></svg>';
