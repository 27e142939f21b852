CREATE TABLE "culture_channel_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"channel" text NOT NULL,
	"author_agent_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"spans" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "culture_channel_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "culture_channel_messages" ADD CONSTRAINT "culture_channel_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "culture_channel_messages_source_key" ON "culture_channel_messages" USING btree ("org_id","source","external_id");--> statement-breakpoint
CREATE INDEX "culture_channel_messages_sent_idx" ON "culture_channel_messages" USING btree ("org_id","sent_at");