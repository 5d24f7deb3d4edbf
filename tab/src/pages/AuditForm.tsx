import type { PageProps } from '../App';
import { Empty } from '../components/States';

export default function AuditForm(_: PageProps) {
  return <Empty>This page is coming soon.</Empty>;
}
