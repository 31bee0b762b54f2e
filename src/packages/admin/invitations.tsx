import { InvitationsScreen } from '../../components/InvitationsScreen';

/** 邀请 (district admins): invite staff, admins and team leaders of any community. */
export default function AdminInvitationsPage() {
  return <InvitationsScreen forStaff={false} />;
}
