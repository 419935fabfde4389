import type { UserRole } from "../../db/schema";

/** The demo council's sign-ins, one per role; shown on the sign-in page in demo mode only. */
export const demoSignIns: { role: UserRole; email: string; password: string; who: string }[] = [
  { role: "practitioner", email: "practitioner@northbrook.example", password: "demo-practitioner", who: "a social worker in North Locality" },
  { role: "team_manager", email: "manager@northbrook.example", password: "demo-manager", who: "North Locality's team manager" },
  { role: "head_of_service", email: "head@northbrook.example", password: "demo-head", who: "the head of adult social care" },
  { role: "admin", email: "admin@northbrook.example", password: "demo-admin", who: "the Primed administrator" },
];
