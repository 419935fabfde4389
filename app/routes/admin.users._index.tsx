import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { savedMessage } from "~/admin/choices.server";
import { requireAdmin } from "~/admin/guard.server";
import { listUsers } from "~/admin/users.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { SavedBanner } from "~/components/ui/form-errors";
import { getDb } from "~/db.server";
import { roleLabels } from "~/people/permissions";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Users – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "users");
  return { users: listUsers(getDb()), saved: savedMessage(new URL(request.url)) };
}

export default function Users() {
  const { users, saved } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Users" }]} />
      <SavedBanner message={saved} />
      <h1 className="govuk-heading-xl">Users</h1>
      <p className="govuk-body">
        <Link className="govuk-button" to="/admin/users/new">
          Add a user
        </Link>{" "}
        <Link className="govuk-button govuk-button--secondary" to="/admin/users/upload">
          Add users from a CSV file
        </Link>
      </p>
      <ScrollTable id="users-table" labelledBy="users-caption">
        <caption className="govuk-table__caption govuk-table__caption--m" id="users-caption">
          Everyone who can sign in, or once could
        </caption>
        <ColumnHeads columns={["Name", "Email address", "Role", "Worker record", "Teams they manage", "Status"]} />
        <tbody className="govuk-table__body">
          {users.map((u) => (
            <tr className="govuk-table__row" key={u.id} data-email={u.email}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/admin/users/${u.id}`}>
                  {u.name}
                </Link>
              </th>
              <td className="govuk-table__cell">{u.email}</td>
              <td className="govuk-table__cell">{roleLabels[u.role]}</td>
              <td className="govuk-table__cell">{u.worker ? `${u.worker}${u.team ? `, ${u.team}` : ""}` : "None"}</td>
              <td className="govuk-table__cell">{u.managedTeams.length > 0 ? u.managedTeams.join(", ") : "None"}</td>
              <td className="govuk-table__cell">
                <strong className={`govuk-tag ${u.active ? "govuk-tag--green" : "govuk-tag--grey"}`}>{u.active ? "Active" : "Deactivated"}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
