import type { Page } from "playwright-core";

/** A control the page shows that a click would not reach. */
export interface CoveredControl {
  /** Tag, id or test id, and text: enough to find it in the page. */
  control: string;
  /** What a click at the control's centre hits instead. */
  hits: string;
}

/**
 * Scrolls every visible link, button and form field into the middle of the viewport and asks
 * the browser what a click at its centre would hit. Returns the controls something else
 * covers (a sticky map, an overflowing panel, a header): the "nothing overlaps anything"
 * check of the gallery e2e test. Controls smaller than 2 px (visually hidden ones) are skipped.
 */
export async function coveredControls(page: Page): Promise<CoveredControl[]> {
  // Scrolling and elementFromPoint both force a synchronous layout (sticky offsets included),
  // so no frame needs to pass between them.
  return page.evaluate(() => {
    const describe = (el: Element | null): string => {
      if (!el) return "nothing (outside the page)";
      const testId = el.getAttribute("data-testid");
      const name = el.id ? `#${el.id}` : testId ? `[data-testid=${testId}]` : el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/)[0]}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${name}>${text ? ` "${text}"` : ""}`;
    };
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]';
    const covered: { control: string; hits: string }[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || style.pointerEvents === "none") continue;
      if ((el as HTMLButtonElement).disabled) continue;
      let rect = el.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2) continue;
      el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      // A link that wraps onto two lines has two boxes; its bounding box's centre may be
      // on neither, so aim at the centre of its widest box.
      rect = Array.from(el.getClientRects()).reduce((a, b) => (b.width > a.width ? b : a));
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) {
        covered.push({ control: describe(el), hits: "nothing: its centre cannot be scrolled into the viewport" });
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      // A click on a control's label or on its own children reaches it.
      if (hit && (el.contains(hit) || (hit instanceof HTMLLabelElement && hit.control === el))) continue;
      covered.push({ control: describe(el), hits: describe(hit) });
    }
    window.scrollTo(0, 0);
    return covered;
  });
}
