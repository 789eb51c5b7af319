/** The suggestions review page, optionally narrowed to one enrichment job (the link an enrichment_review task carries). */
export const suggestionsPath = (slug: string, jobId?: string | null) => `/supplier/${encodeURIComponent(slug)}/suggestions${jobId ? `?job=${encodeURIComponent(jobId)}` : ''}`;
