import { Navigate } from 'react-router';
import { useSession } from '../../auth/use-session.ts';

/** People who work tickets start in their inbox; everyone else in the flows. */
export function HomeRedirect() {
  const session = useSession();
  const role = session.data?.role;
  const works = role === 'agent' || role === 'supervisor';
  return <Navigate to={works ? '/inbox' : '/flows'} replace />;
}
