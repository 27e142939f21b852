CREATE TABLE "widget_chats" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"visitor_id" text NOT NULL,
	"origin" text NOT NULL,
	"conversation_id" uuid,
	"status" text DEFAULT 'bot' NOT NULL,
	"team_id" uuid,
	"assigned_user_id" uuid,
	"handoff_reason" text,
	"handoff_signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handoff_seq" integer,
	"handed_off_at" timestamp with time zone,
	"first_human_reply_at" timestamp with time zone,
	"misses" integer DEFAULT 0 NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_chats_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "widget_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid,
	"citation" jsonb,
	"attempts" jsonb,
	"confidence" double precision,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "widget_chats" ADD CONSTRAINT "widget_chats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_messages" ADD CONSTRAINT "widget_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "widget_chats_org_status_idx" ON "widget_chats" USING btree ("org_id","status","handed_off_at");--> statement-breakpoint
CREATE INDEX "widget_chats_org_visitor_idx" ON "widget_chats" USING btree ("org_id","visitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "widget_messages_chat_seq_key" ON "widget_messages" USING btree ("org_id","chat_id","seq");