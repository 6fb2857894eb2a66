import { Navigate } from 'react-router';
import { useSession } from '../../auth/use-session.ts';

/** Managers (admins, supervisors) start on the dashboard, agents in their inbox, everyone else in the flows. */
export function HomeRedirect() {
  const session = useSession();
  const role = session.data?.role;
  const home =
    role === 'admin' || role === 'supervisor' ? '/dashboard' : role === 'agent' ? '/inbox' : '/flows';
  return <Navigate to={home} replace />;
}
