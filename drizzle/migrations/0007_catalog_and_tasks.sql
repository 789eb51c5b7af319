CREATE TYPE "public"."actor_type" AS ENUM('user', 'workflow', 'enrichment', 'import', 'system');--> statement-breakpoint
CREATE TYPE "public"."attribute_type" AS ENUM('identifier', 'text', 'textarea', 'text_list', 'number', 'metric', 'price', 'boolean', 'simple_select', 'multi_select', 'date', 'asset');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."product_status" AS ENUM('draft', 'in_review', 'approved', 'archived');--> statement-breakpoint
CREATE TYPE "public"."value_source" AS ENUM('supplier', 'manual', 'ai', 'import', 'workflow');--> statement-breakpoint
CREATE TYPE "public"."listing_status" AS ENUM('pending', 'active', 'rejected', 'suppressed', 'delisted');--> statement-breakpoint
CREATE TYPE "public"."audit_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."audit_trigger" AS ENUM('schedule', 'manual', 'workflow');--> statement-breakpoint
CREATE TYPE "public"."finding_severity" AS ENUM('info', 'warning', 'error');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('assigned', 'escalated', 'account_team', 'merged');--> statement-breakpoint
CREATE TYPE "public"."task_event_type" AS ENUM('created', 'routed', 'assigned', 'claimed', 'comment', 'status_changed', 'escalated', 'merged', 'due_changed');--> statement-breakpoint
ALTER TYPE "public"."task_status" ADD VALUE 'new' BEFORE 'open';--> statement-breakpoint
ALTER TYPE "public"."task_status" ADD VALUE 'blocked' BEFORE 'done';--> statement-breakpoint
ALTER TYPE "public"."task_status" ADD VALUE 'merged';--> statement-breakpoint
CREATE TABLE "attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"group_code" text DEFAULT 'general' NOT NULL,
	"type" "attribute_type" NOT NULL,
	"scopable" boolean DEFAULT false NOT NULL,
	"validation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "attributes_code_uq" UNIQUE("company_id","code")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"gpc_brick" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_code_uq" UNIQUE("company_id","code"),
	CONSTRAINT "categories_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "category_attributes" (
	"company_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"attribute_code" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"required_internal" boolean DEFAULT false NOT NULL,
	CONSTRAINT "category_attributes_category_id_attribute_code_pk" PRIMARY KEY("category_id","attribute_code")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"source" text DEFAULT 'csv' NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"status" "import_status" NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_field_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"attribute_code" text NOT NULL,
	"channel_code" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'en_US' NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"origin_run_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_trigger_watermarks" (
	"company_id" uuid NOT NULL,
	"product_id" uuid PRIMARY KEY NOT NULL,
	"last_history_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_values" (
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"attribute_code" text NOT NULL,
	"channel_code" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'en_US' NOT NULL,
	"value" jsonb NOT NULL,
	"source" "value_source" DEFAULT 'manual' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_values_product_id_attribute_code_channel_code_locale_pk" PRIMARY KEY("product_id","attribute_code","channel_code","locale")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"gtin" text,
	"brand" text DEFAULT '' NOT NULL,
	"category_id" uuid NOT NULL,
	"status" "product_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_sku_uq" UNIQUE("company_id","sku"),
	CONSTRAINT "products_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"retailer_item_id" text,
	"pdp_url" text,
	"status" "listing_status" DEFAULT 'pending' NOT NULL,
	"published_content" jsonb,
	"published_at" timestamp with time zone,
	"watch" boolean DEFAULT true NOT NULL,
	CONSTRAINT "listings_product_retailer_uq" UNIQUE("product_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "product_completeness" (
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"ratio" integer NOT NULL,
	"missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_completeness_product_id_retailer_id_pk" PRIMARY KEY("product_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "retailer_category_specs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"retailer_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"retailer_product_type" text NOT NULL,
	"spec_version" text,
	"required_attributes" text[] DEFAULT '{}'::text[] NOT NULL,
	"recommended_attributes" text[] DEFAULT '{}'::text[] NOT NULL,
	"requirement_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attribute_map" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retailer_category_specs_uq" UNIQUE("retailer_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "retailers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"pdp_url_template" text,
	"currencies" text[] DEFAULT '{USD}'::text[] NOT NULL,
	"text_rules" jsonb NOT NULL,
	"image_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"spec_source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retailers_code_uq" UNIQUE("company_id","code"),
	CONSTRAINT "retailers_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"retailer_id" uuid,
	"rule_code" text NOT NULL,
	"severity" "finding_severity" NOT NULL,
	"attribute_code" text,
	"message" text NOT NULL,
	"expected" jsonb,
	"observed" jsonb,
	"task_id" uuid
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"retailer_id" uuid,
	"trigger" "audit_trigger" NOT NULL,
	"audit_key" text NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "audit_status" DEFAULT 'running' NOT NULL,
	"products_checked" integer DEFAULT 0 NOT NULL,
	"score" double precision,
	"grade" text,
	"summary" jsonb,
	"requested_by" uuid,
	"workflow_run_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "audits_key_uq" UNIQUE("company_id","audit_key"),
	CONSTRAINT "audits_id_company_uq" UNIQUE("id","company_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"task_type" text,
	"category_id" uuid,
	"retailer_id" uuid,
	"assignee_user_id" uuid,
	"assignee_role" "member_role",
	"priority_override" text,
	"sort" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_rules_target_ck" CHECK (("assignment_rules"."assignee_user_id" is null) <> ("assignment_rules"."assignee_role" is null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"user_id" uuid,
	"task_id" uuid,
	"kind" "notification_kind" NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"type" "task_event_type" NOT NULL,
	"actor_type" text DEFAULT 'system' NOT NULL,
	"actor_id" text,
	"level" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "manager_user_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "product_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "retailer_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "source_type" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "raw" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "subject_key" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_activity_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attributes" ADD CONSTRAINT "attributes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_attributes" ADD CONSTRAINT "category_attributes_category_id_company_id_categories_id_company_id_fk" FOREIGN KEY ("category_id","company_id") REFERENCES "public"."categories"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_attributes" ADD CONSTRAINT "category_attributes_company_id_attribute_code_attributes_company_id_code_fk" FOREIGN KEY ("company_id","attribute_code") REFERENCES "public"."attributes"("company_id","code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_field_history" ADD CONSTRAINT "product_field_history_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_trigger_watermarks" ADD CONSTRAINT "product_trigger_watermarks_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_values" ADD CONSTRAINT "product_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_values" ADD CONSTRAINT "product_values_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_values" ADD CONSTRAINT "product_values_company_id_attribute_code_attributes_company_id_code_fk" FOREIGN KEY ("company_id","attribute_code") REFERENCES "public"."attributes"("company_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_id_company_id_categories_id_company_id_fk" FOREIGN KEY ("category_id","company_id") REFERENCES "public"."categories"("id","company_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_completeness" ADD CONSTRAINT "product_completeness_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_completeness" ADD CONSTRAINT "product_completeness_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_category_specs" ADD CONSTRAINT "retailer_category_specs_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_category_specs" ADD CONSTRAINT "retailer_category_specs_category_id_company_id_categories_id_company_id_fk" FOREIGN KEY ("category_id","company_id") REFERENCES "public"."categories"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_audit_id_company_id_audits_id_company_id_fk" FOREIGN KEY ("audit_id","company_id") REFERENCES "public"."audits"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_product_id_company_id_products_id_company_id_fk" FOREIGN KEY ("product_id","company_id") REFERENCES "public"."products"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_retailer_id_company_id_retailers_id_company_id_fk" FOREIGN KEY ("retailer_id","company_id") REFERENCES "public"."retailers"("id","company_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_company_idx" ON "import_batches" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "product_field_history_product_idx" ON "product_field_history" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("company_id","category_id");--> statement-breakpoint
CREATE INDEX "products_gtin_idx" ON "products" USING btree ("company_id","gtin");--> statement-breakpoint
CREATE INDEX "listings_retailer_idx" ON "listings" USING btree ("company_id","retailer_id");--> statement-breakpoint
CREATE INDEX "product_completeness_ratio_idx" ON "product_completeness" USING btree ("company_id","ratio");--> statement-breakpoint
CREATE INDEX "audit_findings_audit_idx" ON "audit_findings" USING btree ("audit_id","product_id");--> statement-breakpoint
CREATE INDEX "audit_findings_product_idx" ON "audit_findings" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE INDEX "audits_company_idx" ON "audits" USING btree ("company_id","retailer_id","started_at");--> statement-breakpoint
CREATE INDEX "assignment_rules_company_idx" ON "assignment_rules" USING btree ("company_id","sort");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("company_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_events_escalation_uq" ON "task_events" USING btree ("task_id","level") WHERE type = 'escalated';--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_manager_user_id_users_id_fk" FOREIGN KEY ("manager_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("company_id","assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "tasks_product_idx" ON "tasks" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_subject_open_uq" ON "tasks" USING btree ("company_id","subject_key") WHERE subject_key is not null and status not in ('done', 'cancelled');