import { InvitationsScreen } from '../../components/InvitationsScreen';

/** 邀请队长 (community staff): invite the leaders of their communities' teams. */
export default function StaffInvitationsPage() {
  return <InvitationsScreen forStaff />;
}
