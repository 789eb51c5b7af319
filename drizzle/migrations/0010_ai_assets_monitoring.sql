CREATE TYPE "public"."agent_run_status" AS ENUM('completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."enrichment_item_status" AS ENUM('pending', 'running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."enrichment_job_status" AS ENUM('queued', 'running', 'completed', 'partial', 'failed', 'stale', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."enrichment_source" AS ENUM('upload', 'workflow', 'manual', 'schedule');--> statement-breakpoint
CREATE TYPE "public"."shadow_run_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."suggestion_status" AS ENUM('pending', 'auto_approved', 'approved', 'rejected', 'superseded', 'applied');--> statement-breakpoint
CREATE TYPE "public"."asset_role" AS ENUM('main', 'secondary', 'swatch', 'lifestyle', 'infographic', 'packaging');--> statement-breakpoint
CREATE TYPE "public"."asset_status" AS ENUM('uploaded', 'validated', 'invalid', 'tagged', 'archived');--> statement-breakpoint
CREATE TYPE "public"."tag_source" AS ENUM('claude', 'rule');--> statement-breakpoint
CREATE TYPE "public"."compliance_band" AS ENUM('compliant', 'at_risk', 'non_compliant');--> statement-breakpoint
CREATE TYPE "public"."drift_severity" AS ENUM('info', 'warning', 'critical');--> statement-breakpoint
CREATE TYPE "public"."extraction_method" AS ENUM('json_ld', 'dom', 'none');--> statement-breakpoint
CREATE TYPE "public"."finding_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."spec_change_severity" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TABLE "agent_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"skill_name" text NOT NULL,
	"skill_version" integer NOT NULL,
	"model" text NOT NULL,
	"correlation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"workflow_run_id" uuid,
	"idempotency_key" text NOT NULL,
	"request_sha256" text NOT NULL,
	"status" "agent_run_status" NOT NULL,
	"stop_reason" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(12, 6) DEFAULT 0 NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_runs_idempotency_uq" UNIQUE("company_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "claude_skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"model" text NOT NULL,
	"system_prompt" text NOT NULL,
	"input_schema" jsonb NOT NULL,
	"output_schema" jsonb NOT NULL,
	"max_tokens" integer NOT NULL,
	"temperature" numeric(3, 2) DEFAULT 0 NOT NULL,
	"uses_vision" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claude_skills_name_version_uq" UNIQUE("name","version")
);
--> statement-breakpoint
CREATE TABLE "enrichment_job_items" (
	"company_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"status" "enrichment_item_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_job_items_job_id_product_id_pk" PRIMARY KEY("job_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "enrichment_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"job_key" text NOT NULL,
	"requested_by" uuid,
	"source" "enrichment_source" NOT NULL,
	"workflow_run_id" uuid,
	"retailer_id" uuid,
	"fields" text[] NOT NULL,
	"product_count" integer NOT NULL,
	"skill" text NOT NULL,
	"prompt_version" integer,
	"model" text,
	"status" "enrichment_job_status" DEFAULT 'queued' NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_jobs_key_uq" UNIQUE("company_id","job_key"),
	CONSTRAINT "enrichment_jobs_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "enrichment_shadow_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"shadow_run_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"attribute_code" text NOT NULL,
	"channel_code" text DEFAULT '' NOT NULL,
	"shadow_value" jsonb,
	"current_value" jsonb,
	"published_value" jsonb,
	"similarity_to_current" numeric,
	"similarity_to_published" numeric,
	"confidence" numeric,
	"fingerprint" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_shadow_results_uq" UNIQUE("shadow_run_id","product_id","attribute_code","channel_code")
);
--> statement-breakpoint
CREATE TABLE "enrichment_shadow_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"skill" text NOT NULL,
	"prompt_version" integer,
	"model" text,
	"status" "shadow_run_status" DEFAULT 'running' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "enrichment_shadow_runs_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "enrichment_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"attribute_code" text NOT NULL,
	"channel_code" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT '' NOT NULL,
	"current_value" jsonb,
	"suggested_value" jsonb NOT NULL,
	"model_confidence" numeric(3, 2) NOT NULL,
	"confidence" numeric(3, 2) NOT NULL,
	"model" text NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"validation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "suggestion_status" DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_suggestions_uq" UNIQUE("job_id","product_id","attribute_code","channel_code","locale")
);
--> statement-breakpoint
CREATE TABLE "asset_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"source" "tag_source" NOT NULL,
	"model" text,
	"shot_type" text,
	"has_text_overlay" boolean,
	"has_watermark" boolean,
	"has_props" boolean,
	"has_people" boolean,
	"product_count" integer,
	"dominant_colors" text[] DEFAULT '{}'::text[] NOT NULL,
	"detected_text" text[] DEFAULT '{}'::text[] NOT NULL,
	"alt_text" text,
	"matches_product" boolean,
	"confidence" numeric(3, 2),
	"raw" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_tags_uq" UNIQUE("asset_id","source")
);
--> statement-breakpoint
CREATE TABLE "asset_validations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"role_evaluated" "asset_role" NOT NULL,
	"passed" boolean NOT NULL,
	"results" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"validated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_validations_uq" UNIQUE("asset_id","retailer_id","role_evaluated")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"channels" integer,
	"color_space" text,
	"is_animated" boolean DEFAULT false NOT NULL,
	"sha256" char(64) NOT NULL,
	"dhash" char(16),
	"role" "asset_role",
	"suggested_role" "asset_role",
	"status" "asset_status" DEFAULT 'uploaded' NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_id_company_uq" UNIQUE("id","company_id"),
	CONSTRAINT "assets_product_sha_uq" UNIQUE NULLS NOT DISTINCT("company_id","product_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "pdp_compliance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"title_score" numeric,
	"bullets_score" numeric,
	"description_score" numeric,
	"image_score" numeric,
	"overall_score" numeric NOT NULL,
	"band" "compliance_band" NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdp_compliance_snapshot_uq" UNIQUE("snapshot_id")
);
--> statement-breakpoint
CREATE TABLE "pdp_drift_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"snapshot_id" uuid,
	"field" text NOT NULL,
	"expected" jsonb,
	"observed" jsonb,
	"similarity" numeric,
	"classification" text NOT NULL,
	"severity" "drift_severity" NOT NULL,
	"explanation" text,
	"status" "finding_status" DEFAULT 'open' NOT NULL,
	"task_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pdp_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"sweep_key" text NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"http_status" integer,
	"final_url" text,
	"html_sha256" char(64),
	"html_storage_key" text,
	"extraction_method" "extraction_method" NOT NULL,
	"extracted" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "pdp_snapshots_sweep_uq" UNIQUE("listing_id","sweep_key")
);
--> statement-breakpoint
CREATE TABLE "retailer_spec_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"retailer_product_type" text NOT NULL,
	"version_label" text NOT NULL,
	"checksum" char(64) NOT NULL,
	"schema" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	CONSTRAINT "retailer_spec_versions_uq" UNIQUE("retailer_id","retailer_product_type","checksum")
);
--> statement-breakpoint
CREATE TABLE "spec_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"retailer_product_type" text NOT NULL,
	"from_version_id" uuid,
	"to_version_id" uuid NOT NULL,
	"diff" jsonb NOT NULL,
	"severity" "spec_change_severity" NOT NULL,
	"summary" text NOT NULL,
	"affected_products" integer DEFAULT 0 NOT NULL,
	"affected_product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spec_changes_to_uq" UNIQUE("to_version_id")
);
--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "claude_input_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "claude_output_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "claude_cost_usd" numeric(12, 6) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "function_invocations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "cost_usd" numeric(12, 6) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_job_items" ADD CONSTRAINT "enrichment_job_items_job_id_company_id_enrichment_jobs_id_company_id_fk" FOREIGN KEY ("job_id","company_id") REFERENCES "public"."enrichment_jobs"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_job_items" ADD CONSTRAINT "enrichment_job_items_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_jobs" ADD CONSTRAINT "enrichment_jobs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_jobs" ADD CONSTRAINT "enrichment_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_jobs" ADD CONSTRAINT "enrichment_jobs_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_shadow_results" ADD CONSTRAINT "enrichment_shadow_results_shadow_run_id_company_id_enrichment_shadow_runs_id_company_id_fk" FOREIGN KEY ("shadow_run_id","company_id") REFERENCES "public"."enrichment_shadow_runs"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_shadow_results" ADD CONSTRAINT "enrichment_shadow_results_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_shadow_runs" ADD CONSTRAINT "enrichment_shadow_runs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_suggestions" ADD CONSTRAINT "enrichment_suggestions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_suggestions" ADD CONSTRAINT "enrichment_suggestions_job_id_company_id_enrichment_jobs_id_company_id_fk" FOREIGN KEY ("job_id","company_id") REFERENCES "public"."enrichment_jobs"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichment_suggestions" ADD CONSTRAINT "enrichment_suggestions_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_tags" ADD CONSTRAINT "asset_tags_asset_id_company_id_assets_id_company_id_fk" FOREIGN KEY ("asset_id","company_id") REFERENCES "public"."assets"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_validations" ADD CONSTRAINT "asset_validations_asset_id_company_id_assets_id_company_id_fk" FOREIGN KEY ("asset_id","company_id") REFERENCES "public"."assets"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_validations" ADD CONSTRAINT "asset_validations_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_compliance" ADD CONSTRAINT "pdp_compliance_snapshot_id_pdp_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."pdp_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_compliance" ADD CONSTRAINT "pdp_compliance_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_drift_findings" ADD CONSTRAINT "pdp_drift_findings_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_drift_findings" ADD CONSTRAINT "pdp_drift_findings_snapshot_id_pdp_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."pdp_snapshots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_drift_findings" ADD CONSTRAINT "pdp_drift_findings_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdp_snapshots" ADD CONSTRAINT "pdp_snapshots_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_spec_versions" ADD CONSTRAINT "retailer_spec_versions_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spec_changes" ADD CONSTRAINT "spec_changes_from_version_id_retailer_spec_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."retailer_spec_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spec_changes" ADD CONSTRAINT "spec_changes_to_version_id_retailer_spec_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."retailer_spec_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spec_changes" ADD CONSTRAINT "spec_changes_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_runs_company_created_idx" ON "agent_runs" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_runs_run_idx" ON "agent_runs" USING btree ("workflow_run_id");--> statement-breakpoint
CREATE INDEX "enrichment_jobs_status_idx" ON "enrichment_jobs" USING btree ("company_id","status","heartbeat_at");--> statement-breakpoint
CREATE INDEX "enrichment_shadow_results_product_idx" ON "enrichment_shadow_results" USING btree ("company_id","product_id","created_at");--> statement-breakpoint
CREATE INDEX "enrichment_suggestions_status_idx" ON "enrichment_suggestions" USING btree ("company_id","status","created_at");--> statement-breakpoint
CREATE INDEX "assets_product_idx" ON "assets" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pdp_drift_findings_open_uq" ON "pdp_drift_findings" USING btree ("listing_id","field") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "pdp_drift_findings_company_idx" ON "pdp_drift_findings" USING btree ("company_id","status","last_seen_at");--> statement-breakpoint
CREATE INDEX "pdp_snapshots_listing_idx" ON "pdp_snapshots" USING btree ("company_id","listing_id","fetched_at");--> statement-breakpoint
CREATE UNIQUE INDEX "retailer_spec_versions_current_uq" ON "retailer_spec_versions" USING btree ("retailer_id","retailer_product_type") WHERE is_current;--> statement-breakpoint
CREATE INDEX "spec_changes_company_idx" ON "spec_changes" USING btree ("company_id","detected_at");