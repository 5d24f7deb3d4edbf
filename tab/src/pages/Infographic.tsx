import type { PageProps } from '../App';
import { Empty } from '../components/States';

export default function Infographic(_: PageProps) {
  return <Empty>This page is coming soon.</Empty>;
}
