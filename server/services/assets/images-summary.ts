/** What a workflow's Validate images step gets back from asset-validation (the invoke's output contract). */
export interface ValidateImagesOutput {
  passed: boolean;
  errors: number;
  warnings: number;
  assets: number;
  perRetailer: Record<string, { passed: boolean; errors: number; warnings: number }>;
  results: { assetId: string; productId: string | null; role: string; status: string; passed: boolean; errors: number; warnings: number }[];
}
