CREATE TABLE "student_confirmations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "student_confirmations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"scan_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"reason" text,
	"valid_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "confirmed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "student_confirmations" ADD CONSTRAINT "student_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_confirmations" ADD CONSTRAINT "student_confirmations_scan_id_media_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_confirmations" ADD CONSTRAINT "student_confirmations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "student_confirmations_pending_idx" ON "student_confirmations" USING btree ("submitted_at","id") WHERE "student_confirmations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "student_confirmations_one_pending_key" ON "student_confirmations" USING btree ("user_id") WHERE "student_confirmations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "student_confirmations_user_idx" ON "student_confirmations" USING btree ("user_id","id");