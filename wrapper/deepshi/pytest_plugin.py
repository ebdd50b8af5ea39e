"""pytest plugin for applications that use deepshi (fixtures arrive with ``deepshi[mock]``)."""
