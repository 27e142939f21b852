import type { ReactNode } from "react";
import type { AgentHome } from "./scorecards.api";

/**
 * Extra sections of the agent's home page (/me), each rendered under its own heading after the
 * scorecard, goals and coaching. RECOGNITION SLOT: kudos and wow stories (issue 16, points 5) add
 * their one section here at merge; nothing else on the page needs to change.
 */
export interface HomeSection {
  id: string;
  title: string;
  render: (home: AgentHome) => ReactNode;
}

export const EXTRA_HOME_SECTIONS: HomeSection[] = [];
