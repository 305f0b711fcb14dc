// Runs axe-core inside the page under test and reports WCAG 2.1 A/AA violations (PRODUCT.md §7:
// every screen passes axe-core with no violations in a real browser).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The rule sets for WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface AxeOptions {
  /** CSS selector of the part of the page to check; default the whole document. */
  include?: string;
  /** CSS selectors to leave out, e.g. a third-party widget. Use sparingly and say why. */
  exclude?: string[];
}

let axeSource: string | undefined;
function readAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Injects axe-core into the page (once per document) and returns the WCAG 2.1 A/AA violations.
 * The source is evaluated rather than added as an inline <script>: the server's strict
 * Content-Security-Policy (script-src 'self') rightly blocks inline scripts, and page.evaluate runs
 * through the DevTools protocol, which CSP does not govern. No CSP bypass is needed in the context.
 */
export async function runAxe(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(readAxeSource());
  return page.evaluate(
    async ({ include, exclude, tags }) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is a global injected above, without types here.
      const axe = (window as any).axe;
      const context = { include: include ? [include] : [document], exclude: exclude.map((s) => [s]) };
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return (result.violations as AxeViolation[]).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { include: options.include, exclude: options.exclude ?? [], tags: [...WCAG_21_AA_TAGS] },
  );
}

/** A readable, multi-line summary of violations for a failing test. */
export function formatViolations(screenName: string, violations: AxeViolation[]): string {
  const lines = [`axe: ${violations.length} WCAG 2.1 AA violation(s) on "${screenName}":`];
  for (const v of violations) {
    lines.push(`- [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.html.slice(0, 160)}`);
      if (node.failureSummary) lines.push(`      ${node.failureSummary.replace(/\n/g, '\n      ')}`);
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more element(s)`);
  }
  return lines.join('\n');
}

/** Throws with a readable summary if the current screen has any WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(
  page: Page,
  screenName: string,
  options?: AxeOptions,
): Promise<void> {
  const violations = await runAxe(page, options);
  if (violations.length > 0) throw new Error(formatViolations(screenName, violations));
}
