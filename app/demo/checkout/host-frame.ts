/**
 * The checkout host as the Cartlift checkout extension sees it, inside one harness frame (one frame
 * per extension target, as Shopify sandboxes each extension): the `shopify` global of the 2025-10+
 * API (signals built from the class the extension hands to `setSignals`, `extend`, the session token,
 * storage, i18n, `applyCartLinesChange`), and stand-ins for the `s-*` components it renders.
 * Compiled by esbuild for the browser and loaded before the extension's own bundle.
 */

interface SignalLike<T> {
  value: T;
}
type SignalClass = new <T>(value: T) => SignalLike<T>;

/** What the harness page passes to each frame (see page.ts). */
export interface FrameConfig {
  target: string;
  locale: string;
  translations: Record<string, unknown>;
  backendUrl: string | null;
  currency: string;
  country: string;
  canAddCartLine: boolean;
}

/** The lines and attributes of the cart, in the shape of the checkout API's CartLine. */
export interface FrameState {
  lines: unknown[];
  attributes: { key: string; value: string }[];
}

export type CartLinesChange = {
  type: "addCartLine";
  merchandiseId: string;
  quantity: number;
  attributes?: { key: string; value: string }[];
};
export type CartLinesChangeResult = { type: "success" } | { type: "error"; message: string };

/** What the harness page exposes to its frames as `window.cartliftCheckout`. */
export interface HarnessPage {
  state: FrameState;
  subscribe(listener: (state: FrameState) => void): void;
  applyCartLinesChange(change: CartLinesChange): Promise<CartLinesChangeResult>;
}

const config = JSON.parse(document.getElementById("cartlift-frame-config")!.textContent!) as FrameConfig;
const page = (window.parent as unknown as { cartliftCheckout: HarnessPage }).cartliftCheckout;

// Until the extension hands over its Signal class, a plain holder does (nothing renders before).
let SignalOf: SignalClass = class<T> {
  constructor(public value: T) {}
} as SignalClass;
const signals = new Map<string, SignalLike<unknown>>();
const initial: Record<string, () => unknown> = {
  lines: () => page.state.lines,
  attributes: () => page.state.attributes,
  instructions: () => ({
    lines: { canAddCartLine: config.canAddCartLine, canRemoveCartLine: true, canUpdateCartLine: true },
    attributes: { canUpdateAttributes: true },
  }),
  appMetafields: () =>
    config.backendUrl
      ? [
          {
            target: { type: "shop", id: "gid://shopify/Shop/1" },
            metafield: {
              namespace: "$app:cartlift",
              key: "backend",
              value: config.backendUrl,
              valueType: "string",
              type: "url",
            },
          },
        ]
      : [],
  currency: () => ({ isoCode: config.currency }),
  country: () => ({ isoCode: config.country }),
};
function signal<T>(name: string): SignalLike<T> {
  let found = signals.get(name);
  if (!found) {
    found = new SignalOf(initial[name]!());
    signals.set(name, found);
  }
  return found as SignalLike<T>;
}
page.subscribe((state) => {
  signal("lines").value = state.lines;
  signal("attributes").value = state.attributes;
});

let token: { value: string; until: number } | null = null;
const STORAGE_PREFIX = "cartlift-checkout:";

function lookup(key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], config.translations);
}

const shopify = {
  setSignals(Class: SignalClass) {
    SignalOf = Class;
  },
  extend(target: string, run: () => unknown) {
    if (target === config.target) void run();
  },
  get lines() {
    return signal("lines");
  },
  get attributes() {
    return signal("attributes");
  },
  get instructions() {
    return signal("instructions");
  },
  get appMetafields() {
    return signal("appMetafields");
  },
  localization: {
    get currency() {
      return signal("currency");
    },
    get country() {
      return signal("country");
    },
  },
  sessionToken: {
    // Signed by the harness server with the demo app's secret, as Shopify signs a checkout's.
    async get(): Promise<string> {
      if (token && token.until > Date.now()) return token.value;
      const answer = (await (await fetch("/checkout/session-token", { cache: "no-store" })).json()) as {
        token: string;
      };
      token = { value: answer.token, until: Date.now() + 60_000 };
      return answer.token;
    },
  },
  storage: {
    async read<T>(key: string): Promise<T | null> {
      const raw = localStorage.getItem(STORAGE_PREFIX + key);
      return raw === null ? null : (JSON.parse(raw) as T);
    },
    async write(key: string, value: unknown): Promise<void> {
      localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    },
    async delete(key: string): Promise<void> {
      localStorage.removeItem(STORAGE_PREFIX + key);
    },
  },
  i18n: {
    translate(key: string, options: Record<string, string | number> = {}): string {
      const found = lookup(key);
      const text = typeof found === "string" ? found : key;
      return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(options[name] ?? whole));
    },
    formatCurrency(amount: number, options: { currency?: string } = {}): string {
      return new Intl.NumberFormat(config.locale, {
        style: "currency",
        currency: options.currency ?? config.currency,
      }).format(amount);
    },
  },
  applyCartLinesChange(change: CartLinesChange): Promise<CartLinesChangeResult> {
    return page.applyCartLinesChange(change);
  },
};
(globalThis as unknown as { shopify: typeof shopify }).shopify = shopify;

// The `s-*` components: each property the extension sets is reflected to an attribute (the frame's
// stylesheet styles them); a button and a thumbnail render their own parts.
const PROPS = [
  "gap",
  "direction",
  "gridTemplateColumns",
  "alignItems",
  "type",
  "color",
  "tone",
  "variant",
  "loading",
  "accessibilityLabel",
  "accessibilityVisibility",
  "src",
  "alt",
  "href",
];
const attributeOf = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

class StandIn extends HTMLElement {
  protected readonly props: Record<string, unknown> = {};
  protected update(): void {}
}
for (const prop of PROPS)
  Object.defineProperty(StandIn.prototype, prop, {
    get(this: StandIn) {
      return (this as unknown as { props: Record<string, unknown> }).props[prop];
    },
    set(this: StandIn, value: unknown) {
      (this as unknown as { props: Record<string, unknown> }).props[prop] = value;
      if (value === undefined || value === null || value === false) this.removeAttribute(attributeOf(prop));
      else this.setAttribute(attributeOf(prop), value === true ? "" : String(value));
      (this as unknown as { update(): void }).update();
    },
  });

class Grid extends StandIn {
  protected override update(): void {
    this.style.gridTemplateColumns = String(this.props.gridTemplateColumns ?? "");
    this.style.alignItems = String(this.props.alignItems ?? "");
  }
}

class Button extends StandIn {
  private readonly button: HTMLButtonElement;
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
      button{font:inherit;font-weight:600;padding:10px 18px;border-radius:6px;border:1px solid #1773b0;background:#fff;color:#1773b0;cursor:pointer;min-width:72px;position:relative}
      button:hover{background:#f0f7fc}button:focus-visible{outline:2px solid #1773b0;outline-offset:2px}
      button[disabled]{cursor:progress;color:transparent}
      button[disabled]::after{content:"";position:absolute;inset:0;margin:auto;width:14px;height:14px;border:2px solid #1773b0;border-right-color:transparent;border-radius:50%;animation:spin .8s linear infinite}
      @keyframes spin{to{transform:rotate(360deg)}}
    </style><button type="button"><slot></slot></button>`;
    this.button = root.querySelector("button")!;
  }
  protected override update(): void {
    const label = this.props.accessibilityLabel;
    if (typeof label === "string") this.button.setAttribute("aria-label", label);
    else this.button.removeAttribute("aria-label");
    this.button.disabled = this.props.loading === true;
  }
}

class Thumbnail extends StandIn {
  private readonly image: HTMLImageElement;
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>img{width:64px;height:64px;border-radius:8px;border:1px solid #dedede;object-fit:cover;background:#f5f5f5;display:block}</style><img alt="">`;
    this.image = root.querySelector("img")!;
  }
  protected override update(): void {
    if (typeof this.props.src === "string") this.image.src = this.props.src;
    else this.image.removeAttribute("src");
    this.image.alt = String(this.props.alt ?? "");
  }
}

const elements: Record<string, CustomElementConstructor> = {
  "s-stack": class extends StandIn {},
  "s-grid": Grid,
  "s-heading": class extends StandIn {},
  "s-text": class extends StandIn {},
  "s-link": class extends StandIn {},
  "s-button": Button,
  "s-product-thumbnail": Thumbnail,
};
for (const [name, element] of Object.entries(elements)) customElements.define(name, element);

// The frame is as tall as what the extension rendered: nothing at all while it has nothing to show.
new ResizeObserver(() => {
  const frame = window.frameElement as HTMLIFrameElement | null;
  if (frame) frame.style.height = `${document.documentElement.getBoundingClientRect().height}px`;
}).observe(document.documentElement);
