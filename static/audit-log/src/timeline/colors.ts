/**
 * One colour per category, the same in the chart, its legend and the table swatches.
 * Colours follow Atlassian's accent tokens; categories from the facets keep a stable slot.
 */
const PALETTE = ['#1D7AFC', '#E56910', '#22A06B', '#8270DB', '#758195', '#D97008', '#2898BD', '#C9372C', '#943D73', '#6A9A23'];

export function categoryColor(category: string, knownCategories: readonly string[]): string {
  const index = knownCategories.indexOf(category);
  if (index >= 0) return PALETTE[index % PALETTE.length];
  // Unknown categories hash to a slot so a category keeps its colour across renders.
  let hash = 0;
  for (const char of category) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}
