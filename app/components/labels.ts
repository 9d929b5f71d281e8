import { KIND_NAMES, SURFACE_NAMES, type OfferKind, type Surface } from "../domain/offers";

const capitalised = <K extends string>(names: Readonly<Record<K, string>>) =>
  Object.fromEntries(
    Object.entries<string>(names).map(([key, name]) => [key, name[0]!.toUpperCase() + name.slice(1)]),
  ) as Record<K, string>;

/** Technique and surface names for headings, options and badges (the domain's names, capitalised). */
export const KIND_LABELS: Record<OfferKind, string> = capitalised(KIND_NAMES);
export const SURFACE_LABELS: Record<Surface, string> = capitalised(SURFACE_NAMES);
