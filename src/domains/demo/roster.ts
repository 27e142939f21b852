import type { RoleName } from "../../db/schema/index.ts";

/** The password every demo login shares; printed by the CLI and documented in the README. */
export const DEMO_PASSWORD = "rapport-demo";
export const DEMO_ORG = { slug: "demo", name: "Northwind Demo" } as const;
/** Business name used inside message text ("Thank you for calling Northwind"). */
export const DEMO_BRAND = "Northwind";

export type TeamKey = "billing" | "orders" | "accounts";
export const DEMO_TEAMS: readonly { key: TeamKey; name: string }[] = [
  { key: "billing", name: "Billing & Payments" },
  { key: "orders", name: "Orders & Delivery" },
  { key: "accounts", name: "Accounts & Security" },
];

/**
 * How an agent writes. Stable per agent so leaders see consistent differences: the first two
 * greet, empathise and answer in full; `brisk` answers only the first step; `curt` and `policy`
 * are the coaching cases (short replies, "as per policy" with no reason, no closing).
 */
export type AgentStyle = "exemplary" | "solid" | "brisk" | "curt" | "policy";

export interface DemoAgent {
  name: string;
  team: TeamKey;
  style: AgentStyle;
  /** Relative share of the team's conversations (part-timers take fewer). */
  load: number;
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  { name: "Priya Raman", team: "billing", style: "solid", load: 1 },
  { name: "Marcus Bell", team: "billing", style: "exemplary", load: 1 },
  { name: "Sofia Marquez", team: "billing", style: "solid", load: 1.1 },
  { name: "Daniel Okafor", team: "billing", style: "curt", load: 1 },
  { name: "Hannah Lindqvist", team: "billing", style: "brisk", load: 0.8 },
  { name: "Kenji Watanabe", team: "billing", style: "solid", load: 1 },
  { name: "Aisha Rahman", team: "billing", style: "exemplary", load: 0.9 },
  { name: "Tom Gallagher", team: "billing", style: "policy", load: 1.2 },
  { name: "Lucía Fernández", team: "billing", style: "solid", load: 0.5 },
  { name: "Grace O'Connor", team: "orders", style: "exemplary", load: 1 },
  { name: "Mateo Rossi", team: "orders", style: "brisk", load: 1.2 },
  { name: "Nadia Petrova", team: "orders", style: "solid", load: 1 },
  { name: "Jamal Washington", team: "orders", style: "curt", load: 1.1 },
  { name: "Emily Chen", team: "orders", style: "solid", load: 1 },
  { name: "Oliver Schmidt", team: "orders", style: "brisk", load: 0.9 },
  { name: "Fatima Zahra Benali", team: "orders", style: "solid", load: 1 },
  { name: "Liam Murphy", team: "orders", style: "policy", load: 0.8 },
  { name: "Chloé Dubois", team: "orders", style: "exemplary", load: 0.6 },
  { name: "Arjun Mehta", team: "accounts", style: "solid", load: 1 },
  { name: "Rebecca Stone", team: "accounts", style: "exemplary", load: 1 },
  { name: "Yusuf Demir", team: "accounts", style: "brisk", load: 1 },
  { name: "Mia Kowalski", team: "accounts", style: "solid", load: 1.1 },
  { name: "Samuel Adeyemi", team: "accounts", style: "curt", load: 0.9 },
  { name: "Ingrid Johansson", team: "accounts", style: "policy", load: 0.7 },
  { name: "Carlos Mendoza", team: "accounts", style: "brisk", load: 0.6 },
];

export interface DemoLogin {
  email: string;
  name: string;
  role: RoleName;
  team?: TeamKey;
  /** For the agent login: the name of the agent row it is linked to through agents.user_id. */
  agentName?: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: "admin@demo.rapport.local", name: "Alex Admin", role: "admin" },
  { email: "leader@demo.rapport.local", name: "Laura Bennett", role: "leader", team: "billing" },
  { email: "qa@demo.rapport.local", name: "Quinn Alvarez", role: "qa" },
  { email: "exec@demo.rapport.local", name: "Evelyn Park", role: "exec" },
  {
    email: "agent@demo.rapport.local",
    name: "Priya Raman",
    role: "agent",
    team: "billing",
    agentName: "Priya Raman",
  },
];

// Customer names: varied first and last names; combined at random, never a real person's record.
export const FIRST_NAMES =
  `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Chris Nancy Daniel Lisa Matthew Betty Anthony Sandra
Mark Ashley Steven Kimberly Paul Donna Andrew Emily Joshua Michelle Kevin Carol Brian Amanda George Melissa
Wei Mei Hiroshi Yuki Min-jun Ji-woo Arjun Ananya Rohan Divya Mohammed Fatima Omar Layla Ahmed Zainab
Carlos Sofia Diego Valentina Javier Camila Luis Isabella Pedro Gabriela Kwame Ama Chinedu Ngozi Tunde Amara
Olga Dmitri Anya Pavel Lars Freya Sven Astrid Pierre Amélie Luca Giulia Jan Katarzyna Piotr Zofia Noah Olivia
Liam Emma Ethan Ava Lucas Mia Aiden Zoe Mateo Nora Elijah Hazel Kai Ivy Ezra Leah Finn Ruby Theo Isla`.split(
    /\s+/,
  );

export const LAST_NAMES =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker
Hall Rivera Campbell Mitchell Carter Roberts Patel Shah Singh Kumar Khan Ali Hussain Chen Wang Li Zhang Liu
Kim Park Choi Tanaka Sato Suzuki Okafor Mensah Adeyemi Nwosu Boateng Kowalski Nowak Novak Horvat Ivanova
Petrov Jensen Hansen Larsen Nilsson Müller Schneider Fischer Weber Dubois Moreau Laurent Rossi Russo Ferrari
Bianchi Silva Santos Oliveira Costa Pereira Fernandes O'Brien Murphy Kelly Walsh Byrne MacDonald Campbell`.split(
    /\s+/,
  );
